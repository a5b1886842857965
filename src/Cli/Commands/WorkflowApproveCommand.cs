using System.CommandLine;
using ClinicalAgent.Cli.Workflows;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>workflow approve ID</c>: records the approval (who, when) and runs the instance on from there.</summary>
public static class WorkflowApproveCommand
{
    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var model = new ModelOptionSet();
        var id = new Argument<string>("id") { Description = "The instance id." };
        var by = new Option<string>("--by") { Description = "Who approves (default: the user name).", DefaultValueFactory = _ => Environment.UserName };
        var command = new Command("approve", "Approve a waiting workflow instance and run it on.") { id, by };
        model.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = await WorkflowCliHost.OpenAsync(context, options, model, parse, cancellationToken).ConfigureAwait(false);
            var approved = await host.Engine.ApproveAsync(parse.GetValue(id)!, parse.GetValue(by)!, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Approved step '{approved.CurrentStep}' of {approved.Id} as {parse.GetValue(by)}.").ConfigureAwait(false);
            var result = await host.Engine.RunAsync(approved.Id, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(InstanceText.Outcome(result)).ConfigureAwait(false);
            return InstanceText.ExitCode(result);
        }));
        return command;
    }
}
