using System.CommandLine;
using System.Text.Json.Nodes;
using ClinicalAgent.Cli.Workflows;
using ClinicalAgent.Workflows.Engine;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// <c>workflow run NAME</c>: starts an instance (the manual trigger) and runs it here until it completes, fails or
/// waits for approval. Killed midway, it is resumed by <c>workflow resume</c> or <c>serve</c>.
/// </summary>
public static class WorkflowRunCommand
{
    public static Command Create(CliContext context, WorkflowOptionSet options)
    {
        var model = new ModelOptionSet();
        var name = new Argument<string>("name") { Description = "The workflow's name (see 'workflow list')." };
        var patient = new Option<string?>("--patient") { Description = "The Patient id the instance is about." };
        var inputs = new Option<string[]>("--input") { Description = "An input value, k=v (repeatable).", AllowMultipleArgumentsPerToken = false };
        var resource = new Option<string?>("--resource") { Description = "Run as if this resource (Type/id) had triggered it: trigger.type, trigger.id, and its patient." };
        var command = new Command("run", "Start a workflow instance by hand and run it until it completes, fails or waits for approval.") { name, patient, inputs, resource };
        model.AddTo(command);
        command.SetAction((parse, cancellationToken) => context.RunAsync(async () =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(inputs) ?? [])
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0)
                {
                    throw new ArgumentException($"--input '{pair}' must be k=v.");
                }

                values[pair[..equals]] = pair[(equals + 1)..];
            }

            var trigger = new JsonObject { ["kind"] = "manual" };
            if (parse.GetValue(resource) is { } reference)
            {
                var parts = reference.Split('/');
                if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
                {
                    throw new ArgumentException($"--resource '{reference}' must be Type/id.");
                }

                (trigger["type"], trigger["id"], trigger["reference"]) = (parts[0], parts[1], reference);
            }

            await using var host = await WorkflowCliHost.OpenAsync(context, options, model, parse, cancellationToken).ConfigureAwait(false);
            var (instance, _) = await host.Engine.StartAsync(parse.GetValue(name)!, new StartRequest(parse.GetValue(patient), values, trigger), null, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"Instance {instance.Id} of {instance.Workflow} started.").ConfigureAwait(false);
            var result = await host.Engine.RunAsync(instance.Id, cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync(InstanceText.Outcome(result)).ConfigureAwait(false);
            return InstanceText.ExitCode(result);
        }));
        return command;
    }
}
