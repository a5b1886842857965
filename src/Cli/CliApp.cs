using System.CommandLine;
using ClinicalAgent.Cli.Commands;

namespace ClinicalAgent.Cli;

/// <summary>The <c>clinicalagent</c> command tree. Output goes to the given writers, so tests run it in-process.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error);
        var root = new RootCommand("ClinicalAgent: ask questions of patient records and automate clinical workflows with a local model.");
        root.Options.Add(context.DatabaseOption);
        root.Subcommands.Add(FhirCommand.Create(context));
        root.Subcommands.Add(ModelCommand.Create(context));
        root.Subcommands.Add(AskCommand.Create(context));
        root.Subcommands.Add(ToolsCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        var parsed = root.Parse(args);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }
}
