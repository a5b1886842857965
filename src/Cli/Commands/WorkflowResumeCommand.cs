using System.CommandLine;
using ClinicalAgent.Cli.Workflows;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>workflow resume [ID]</c>: with an id, sets a failed instance running again and runs it; without, runs every
/// instance a stopped or killed process left running (what <c>serve</c> does when it starts).
/// </summary>
public static class WorkflowResumeCommand
{
    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var model = new ModelOptionSet();
        var id = new Argument<string?>("id") { Description = "A failed or interrupted instance; none for all running ones.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("resume", "Resume interrupted instances (all, or one), or retry a failed one.") { id };
        model.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = await WorkflowCliHost.OpenAsync(context, options, model, parse, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(id) is { } one)
            {
                await host.Engine.ReviveAsync(one, cancellationToken).ConfigureAwait(false);
                var result = await host.Engine.RunAsync(one, cancellationToken).ConfigureAwait(false);
                await context.Output.WriteLineAsync(InstanceText.Outcome(result)).ConfigureAwait(false);
                return InstanceText.ExitCode(result);
            }

            var results = await host.Engine.ResumeAllAsync(cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                await context.Output.WriteLineAsync(InstanceText.Outcome(result)).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"Resumed {results.Count} instance(s).").ConfigureAwait(false);
            return results.Any(r => InstanceText.ExitCode(r) != 0) ? 1 : 0;
        }));
        return command;
    }
}
