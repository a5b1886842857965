using ClinicalAgent.Cli;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>Runs the clinicalagent command in-process and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        // serve logs from Kestrel's threads while the test reads: writes go through synchronized wrappers.
        var code = await CliApp.RunAsync(args, TextWriter.Synchronized(output), TextWriter.Synchronized(error), cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);
}
