namespace ClinicalAgent.Cli.Tests;

/// <summary>Runs the clinicalagent command in-process and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(CancellationToken.None, args);

    public static async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new SyncTextWriter();
        var code = await CliApp.RunAsync(args, output, error, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>Runs the command with <paramref name="input"/> as what the user types.</summary>
    public static async Task<CliRun> RunWithInputAsync(string input, params string[] args)
    {
        var output = new SyncTextWriter();
        var error = new SyncTextWriter();
        var code = await CliApp.RunAsync(args, new StringReader(input), output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
