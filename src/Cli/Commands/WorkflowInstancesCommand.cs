using System.CommandLine;
using ClinicalAgent.Cli.Workflows;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>workflow instances [--status S]</c>: instances, newest first.</summary>
public static class WorkflowInstancesCommand
{
    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var status = new Option<InstanceStatus?>("--status") { Description = "Only instances in this status (Running, WaitingApproval, Completed, Failed, Rejected)." };
        var limit = new Option<int>("--limit") { Description = "Most instances shown.", DefaultValueFactory = _ => 50 };
        var command = new Command("instances", "List workflow instances, newest first.") { status, limit };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = await WorkflowCliHost.OpenAsync(context, options, new ModelOptionSet(), parse, cancellationToken).ConfigureAwait(false);
            var instances = await host.Store.ListAsync(parse.GetValue(status), parse.GetValue(limit), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(InstanceText.Header).ConfigureAwait(false);
            foreach (var instance in instances)
            {
                await context.Output.WriteLineAsync(InstanceText.Line(instance)).ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
