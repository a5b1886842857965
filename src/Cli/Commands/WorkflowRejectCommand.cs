using System.CommandLine;
using ClinicalAgent.Cli.Workflows;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>workflow reject ID --reason TEXT</c>: records the rejection (who, when, why); the instance ends.</summary>
public static class WorkflowRejectCommand
{
    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the journal).", Required = true };
        var by = new Option<string>("--by") { Description = "Who rejects (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("reject", "Reject a waiting workflow instance; it ends without its remaining steps.") { id, reason, by };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = await WorkflowCliHost.OpenAsync(context, options, new ModelOptionSet(), parse, cancellationToken).ConfigureAwait(false);
            var rejected = await host.Engine.RejectAsync(parse.GetValue(id)!, parse.GetValue(by)!, parse.GetValue(reason)!, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(InstanceText.Outcome(rejected)).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
