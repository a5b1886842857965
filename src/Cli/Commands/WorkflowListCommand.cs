using System.CommandLine;
using ClinicalAgent.Cli.Workflows;
using ClinicalAgent.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>workflow list</c>: the valid definitions of the workflows folder, with their triggers; invalid files on the error stream.</summary>
public static class WorkflowListCommand
{
    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var command = new Command("list", "List the workflows of the definitions folder and their triggers.");
        command.SetAction((parse, _) => context.RunAsync(async () =>
        {
            await using var host = context.BuildHost(parse, options.Settings(parse));
            var catalog = host.Services.GetRequiredService<WorkflowCatalog>();
            var folder = catalog.Folder;
            await context.Error.WriteLineAsync($"Workflows in {folder ?? "(none: pass --workflows DIR)"}").ConfigureAwait(false);
            foreach (var workflow in catalog.All)
            {
                var trigger = workflow.Trigger switch
                {
                    { Fhir: { } fhir } => $"fhir {fhir}" + (workflow.Trigger.On != "any" ? $" ({workflow.Trigger.On})" : ""),
                    { Schedule: { } cron } => $"schedule '{cron}'" + (workflow.Trigger.ForEach is { } each ? $" for each {each}" : ""),
                    { Http: true } => "http",
                    { CdsHook: { } hook } => $"cds_hook {hook.Hook} (/cds-services/{hook.Id})",
                    _ => "manual",
                };
                await context.Output.WriteLineAsync($"{workflow.Name,-20} {workflow.Steps.Count} steps  {trigger}").ConfigureAwait(false);
                if (workflow.Description is { } description)
                {
                    await context.Output.WriteLineAsync($"{"",-20} {description}").ConfigureAwait(false);
                }
            }

            foreach (var error in catalog.Errors)
            {
                await context.Error.WriteLineAsync($"invalid: {error}").ConfigureAwait(false);
            }

            return catalog.Errors.Count == 0 ? 0 : 1;
        }));
        return command;
    }
}
