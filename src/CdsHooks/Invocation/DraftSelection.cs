using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Steps;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>
/// The <c>selected</c> variable of order hooks: the draft orders the hook is about (for <c>order-select</c> those
/// named by <c>context.selections</c>, for <c>order-sign</c> every one of <c>context.draftOrders</c>), shaped like a
/// <c>fhir_query</c> output plus <c>codes</c> (<c>system|code </c> of each medication or order code) and
/// <c>text</c> (their texts and displays), for conditions like <c>contains(selected.text, 'metformin')</c>.
/// </summary>
internal static class DraftSelection
{
    public static JsonObject Of(string hook, JsonObject context)
    {
        var drafts = (context["draftOrders"]?["entry"] as JsonArray ?? []).Select(e => e?["resource"]).OfType<JsonObject>().ToList();
        if (hook == "order-select")
        {
            var selections = (context["selections"] as JsonArray ?? []).Select(Text).ToHashSet(StringComparer.Ordinal);
            drafts = [.. drafts.Where(d => selections.Contains($"{Text(d["resourceType"])}/{Text(d["id"])}"))];
        }
        else if (hook != "order-sign")
        {
            drafts = [];
        }

        var output = FhirQueryStep.Output(drafts);
        var codes = new StringBuilder();
        var text = new StringBuilder();
        foreach (var concept in drafts.Select(d => d["medicationCodeableConcept"] ?? d["code"]).OfType<JsonObject>())
        {
            text.Append(Text(concept["text"])).Append(' ');
            foreach (var coding in (concept["coding"] as JsonArray ?? []).OfType<JsonObject>())
            {
                codes.Append(Text(coding["system"])).Append('|').Append(Text(coding["code"])).Append(' ');
                text.Append(Text(coding["display"])).Append(' ');
            }
        }

        output["codes"] = codes.ToString();
        output["text"] = text.ToString();
        return output;
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";
}
