using System.CommandLine;
using ClinicalAgent.Cli.Commands;

namespace ClinicalAgent.Cli;

/// <summary>The <c>clinicalagent</c> command tree. Output goes to the given writers, so tests run it in-process.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, TextReader.Null, output, error, cancellationToken);

    /// <summary>Runs the command line with <paramref name="input"/> as what the user types.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var context = new CliContext(output, error, input);
        var root = new RootCommand("ClinicalAgent: ask questions of patient records and automate clinical workflows with a local model.");
        root.Options.Add(context.DatabaseOption);
        root.Options.Add(context.FhirOption);
        root.Options.Add(context.SettingsOption);
        root.Options.Add(context.LogLevelOption);
        root.Subcommands.Add(FhirCommand.Create(context));
        root.Subcommands.Add(ModelCommand.Create(context));
        root.Subcommands.Add(AskCommand.Create(context));
        root.Subcommands.Add(ToolsCommand.Create(context));
        root.Subcommands.Add(ChatCommand.Create(context));
        root.Subcommands.Add(WorkflowCommand.Create(context));
        root.Subcommands.Add(ServeCommand.Create(context));
        root.Subcommands.Add(McpCommand.Create(context));
        root.Subcommands.Add(AuthCommand.Create(context));
        root.Subcommands.Add(AuditCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        // chat handles Ctrl+C itself (it cancels the answer being written, not the program).
        if (parsed.CommandResult.Command.Name == "chat")
            configuration.ProcessTerminationTimeout = null;
        return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
