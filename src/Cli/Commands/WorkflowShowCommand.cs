using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Cli.Workflows;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>workflow show ID</c>: an instance, its variables, its pending approval and its journal.</summary>
public static class WorkflowShowCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var id = new Argument<string>("id") { Description = "The instance id." };
        var command = new Command("show", "Show a workflow instance: status, variables, approval and journal.") { id };
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            await using var host = await WorkflowCliHost.OpenAsync(context, options, new ModelOptionSet(), parse, cancellationToken).ConfigureAwait(false);
            var instance = await host.Store.GetAsync(parse.GetValue(id)!, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"No workflow instance '{parse.GetValue(id)}'.");
            var output = context.Output;
            await output.WriteLineAsync($"Instance  {instance.Id}").ConfigureAwait(false);
            await output.WriteLineAsync($"Workflow  {instance.Workflow}").ConfigureAwait(false);
            await output.WriteLineAsync($"Status    {instance.Status}{(instance.CurrentStep is { } step ? $" at {step}" : "")}").ConfigureAwait(false);
            await output.WriteLineAsync($"Patient   {instance.PatientId ?? "-"}").ConfigureAwait(false);
            if (instance.Error is { } error)
            {
                await output.WriteLineAsync($"Error     {error}").ConfigureAwait(false);
            }

            if (instance.CurrentStep is { } current && await host.Store.GetApprovalAsync(instance.Id, current, cancellationToken).ConfigureAwait(false) is { Status: "pending" } approval)
            {
                await output.WriteLineAsync($"Approval  {approval.Message}").ConfigureAwait(false);
            }

            await output.WriteLineAsync("Variables").ConfigureAwait(false);
            await output.WriteLineAsync(instance.Variables.ToJsonString(Indented)).ConfigureAwait(false);
            await output.WriteLineAsync("Journal").ConfigureAwait(false);
            foreach (var entry in await host.Store.JournalAsync(instance.Id, cancellationToken).ConfigureAwait(false))
            {
                var detail = entry.Detail is null ? "" : " " + entry.Detail.ToJsonString();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {entry.At:yyyy-MM-dd HH:mm:ss.fff}  {entry.StepId ?? "-",-12} {entry.Kind}{detail}")).ConfigureAwait(false);
            }

            foreach (var (writeStep, key, reference) in await host.Store.WritesAsync(instance.Id, cancellationToken).ConfigureAwait(false))
            {
                await output.WriteLineAsync($"Wrote     {reference} (step {writeStep}, idempotency key {key})").ConfigureAwait(false);
            }

            return 0;
        }));
        return command;
    }
}
