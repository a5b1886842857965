using System.Text.Json.Nodes;
using ClinicalAgent.Tools.Writes;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;

namespace ClinicalAgent.Workflows.Steps;

/// <summary>
/// What a <c>fhir_write</c> step's Provenance says: the model when an agent step, or a tool step calling a model-backed
/// tool (<see cref="ClinicalAgent.Tools.ClinicalToolsPlugin.ModelBackedTools"/>: a vision answer, zero-shot scores), of
/// the instance ran before it (then the resource is AI-influenced and labelled so; a template filled from queries alone
/// is not), the person who approved
/// the instance's latest approval (else the workflow as automation), those steps' citations and the trigger as
/// sources, and the workflow and step as the activity.
/// </summary>
internal static class WriteAttributionReader
{
    public static async Task<WriteAttribution> ReadAsync(StepContext context, CancellationToken cancellationToken)
    {
        var agentOutputs = context.Workflow.Steps
            .Where(s => s.Id != context.Step.Id
                && (s.Type == StepType.Agent || (s.Type == StepType.Tool && ClinicalAgent.Tools.ClinicalToolsPlugin.ModelBackedTools.Contains(s.Tool ?? ""))))
            .Select(s => context.Variables[s.Into ?? s.Id] as JsonObject)
            .OfType<JsonObject>()
            .ToList();
        AiSystem? model = null;
        if (agentOutputs.Count > 0)
        {
            model = context.Services.AiSystem is { } source
                ? await source.DescribeAsync(cancellationToken).ConfigureAwait(false)
                : AiSystem.Unidentified;
        }

        var approval = await context.Store.LatestApprovedAsync(context.InstanceId, cancellationToken).ConfigureAwait(false);
        var approver = approval?.DecidedBy is { Length: > 0 } by ? WriteApprover.Person(by) : WriteApprover.Workflow(context.Workflow.Name);
        var sources = agentOutputs
            .SelectMany(o => o["citations"] as JsonArray ?? [])
            .Select(Text)
            .Append(TriggerReference(context.Variables["trigger"] as JsonObject))
            .OfType<string>()
            .ToList();
        return new WriteAttribution(model, approver, sources, $"workflow {context.Workflow.Name}, step {context.Step.Id}", context.Services.Time.GetUtcNow());
    }

    private static string? TriggerReference(JsonObject? trigger) =>
        Text(trigger?["reference"]) ?? (Text(trigger?["type"]) is { } type && Text(trigger?["id"]) is { } id ? $"{type}/{id}" : null);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
