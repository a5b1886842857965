using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicalAgent.Workflows.Expressions;

namespace ClinicalAgent.Workflows.Definitions;

/// <summary>
/// The checks of a CDS Hooks service definition: a known hook, a URL-safe id, prefetch templates that are FHIR queries
/// over the hook's context, only steps that can answer synchronously, and cards an EHR can show.
/// </summary>
internal static partial class CdsHookValidator
{
    /// <summary>The variables a service's steps may read besides the built-ins: the hook's context and the selected draft orders.</summary>
    public static readonly IReadOnlySet<string> Variables = new HashSet<string>(StringComparer.Ordinal) { "context", "selected" };

    /// <summary>The longest summary CDS Hooks allows.</summary>
    public const int MaxSummary = 140;

    private static readonly HashSet<string> PrefetchTokens = new(StringComparer.Ordinal) { "context.patientId", "context.encounterId", "context.userId" };
    private static readonly HashSet<string> Indicators = new(StringComparer.Ordinal) { "info", "warning", "critical" };
    private static readonly HashSet<string> ActionTypes = new(StringComparer.Ordinal) { "create", "update", "delete" };
    private static readonly HashSet<StepType> Synchronous = [StepType.FhirQuery, StepType.Condition, StepType.Card];

    public static void Check(WorkflowDefinition workflow, CdsHookTrigger hook, Action<SourceLocation, string> add)
    {
        if (!CdsHookTrigger.Hooks.Contains(hook.Hook))
        {
            add(hook.Location, $"cds_hook: unknown hook '{hook.Hook}' (known: {string.Join(", ", CdsHookTrigger.Hooks.Order(StringComparer.Ordinal))}).");
        }

        if (!ServiceId().IsMatch(hook.Id))
        {
            add(hook.Location, $"cds_hook: id '{hook.Id}' may hold only letters, digits, '-' and '_' (it is part of the URL).");
        }

        if (workflow.Trigger.Fhir is not null || workflow.Trigger.Schedule is not null || workflow.Trigger.Http)
        {
            add(hook.Location, "cds_hook: a CDS Hooks service is started by the EHR only; remove fhir, schedule and http from its trigger.");
        }

        foreach (var (key, template) in hook.Prefetch)
        {
            var at = hook.PrefetchLocations.TryGetValue(key, out var location) ? location : hook.Location;
            CheckPrefetch(key, template, at, add);
        }

        foreach (var step in workflow.Steps.Where(s => !Synchronous.Contains(s.Type)))
        {
            add(step.At("type"), $"Step '{step.Id}': a CDS Hooks service answers while the EHR waits, so it has only fhir_query, condition and card steps (not {step.Type}).");
        }

        if (!workflow.Steps.Any(s => s.Type == StepType.Card))
        {
            add(hook.Location, "cds_hook: the service needs at least one card step (its answer).");
        }
    }

    public static void CheckCard(StepDefinition step, Action<SourceLocation, string> add)
    {
        var at = step.At("card");
        if (step.Card is not { } card)
        {
            add(step.Location, $"Step '{step.Id}' (Card) needs 'card'.");
            return;
        }

        void Error(string message) => add(at, $"Step '{step.Id}' card: {message}");
        var summary = Text(card["summary"]);
        if (string.IsNullOrWhiteSpace(summary))
        {
            Error("needs a 'summary'.");
        }
        else if (!summary.Contains("{{", StringComparison.Ordinal) && summary.Length > MaxSummary)
        {
            Error($"the summary has {summary.Length} characters; CDS Hooks allows at most {MaxSummary}.");
        }

        CheckChoice(Text(card["indicator"]), "indicator", Indicators, required: true, Error);
        if (card["source"] is not JsonObject source || string.IsNullOrWhiteSpace(Text(source["label"])))
        {
            Error("needs a 'source' with a 'label'.");
        }

        foreach (var suggestion in card["suggestions"] as JsonArray ?? [])
        {
            if (string.IsNullOrWhiteSpace(Text(suggestion?["label"])))
            {
                Error("each suggestion needs a 'label'.");
            }

            foreach (var action in suggestion?["actions"] as JsonArray ?? [])
            {
                CheckChoice(Text(action?["type"]), "action type", ActionTypes, required: true, Error);
                if (action?["resource"] is JsonObject resource && resource["resourceType"] is null)
                {
                    Error("each action's resource needs a resourceType.");
                }
                else if (action?["resource"] is null && Text(action?["type"]) != "delete")
                {
                    Error("a create or update action needs a 'resource'.");
                }
            }
        }

        foreach (var link in card["links"] as JsonArray ?? [])
        {
            if (string.IsNullOrWhiteSpace(Text(link?["label"])) || string.IsNullOrWhiteSpace(Text(link?["url"])))
            {
                Error("each link needs a 'label' and a 'url'.");
            }

            CheckChoice(Text(link?["type"]) ?? "absolute", "link type", new HashSet<string>(StringComparer.Ordinal) { "absolute", "smart" }, required: false, Error);
        }
    }

    private static void CheckPrefetch(string key, string template, SourceLocation at, Action<SourceLocation, string> add)
    {
        var end = template.IndexOfAny(['?', '/']);
        var type = end < 0 ? template : template[..end];
        if (!Fhir.Search.SearchParameterRegistry.Default.IsResourceType(type))
        {
            add(at, $"Prefetch '{key}': '{type}' is not a FHIR resource type (write Type/{{{{context.patientId}}}} or Type?param=value).");
        }

        try
        {
            foreach (var path in Template.Expressions(template).SelectMany(e => e.Variables()).Where(p => !PrefetchTokens.Contains(p)))
            {
                add(at, $"Prefetch '{key}': '{path}' is not a prefetch token (known: {string.Join(", ", PrefetchTokens.Order(StringComparer.Ordinal))}).");
            }
        }
        catch (ExpressionException ex)
        {
            add(at, $"Prefetch '{key}': {ex.Message}");
        }
    }

    private static void CheckChoice(string? value, string what, IReadOnlySet<string> allowed, bool required, Action<string> error)
    {
        if (value is null)
        {
            if (required)
            {
                error($"needs an '{what}' ({string.Join(", ", allowed)}).");
            }
        }
        else if (!value.Contains("{{", StringComparison.Ordinal) && !allowed.Contains(value))
        {
            error($"{what} '{value}' is not one of {string.Join(", ", allowed)}.");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex ServiceId();
}
