using ClinicalAgent.Cli;

namespace ClinicalAgent.Mcp.Tests;

/// <summary>Runs the clinicalagent command line in-process and keeps what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new SignalingWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
