using System.Text.Json.Nodes;
using ClinicalAgent.CdsHooks.Invocation;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Serialization;

namespace ClinicalAgent.CdsHooks.Cards;

/// <summary>
/// Makes a rendered card template a CDS Hooks 2.0 card: a uuid for it and each suggestion, the summary held to 140
/// characters (cut with an ellipsis, never longer), the indicator checked, and every suggested resource parsed as FHIR
/// R4, so the EHR never gets a card it cannot show or an action it cannot take.
/// </summary>
internal static class CardFinisher
{
    /// <summary>The longest summary CDS Hooks allows.</summary>
    public const int MaxSummary = 140;

    private static readonly HashSet<string> Indicators = new(StringComparer.Ordinal) { "info", "warning", "critical" };

    public static JsonObject Finish(JsonNode? rendered, string stepId)
    {
        if (rendered is not JsonObject card)
        {
            throw new CdsServiceException(500, $"Card step '{stepId}' rendered no card.");
        }

        card["uuid"] = Guid.NewGuid().ToString("D");
        card["summary"] = Summary(Text(card["summary"]));
        var indicator = Text(card["indicator"]);
        if (!Indicators.Contains(indicator))
        {
            throw new CdsServiceException(500, $"Card step '{stepId}' gave the indicator '{Shorten(indicator)}' (info, warning or critical).");
        }

        foreach (var suggestion in (card["suggestions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            suggestion["uuid"] ??= Guid.NewGuid().ToString("D");
            foreach (var action in (suggestion["actions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (action["resource"] is JsonObject resource)
                {
                    try
                    {
                        FhirJson.Parse(resource.ToJsonString(), $"card step '{stepId}'");
                    }
                    catch (Exception ex) when (ex is FhirGatewayException or FormatException or InvalidOperationException)
                    {
                        throw new CdsServiceException(500, $"Card step '{stepId}' suggests a resource that is not valid FHIR R4.", ex);
                    }
                }
            }
        }

        return card;
    }

    /// <summary>The summary as sent: whitespace collapsed, at most <see cref="MaxSummary"/> characters.</summary>
    public static string Summary(string text)
    {
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= MaxSummary ? collapsed : collapsed[..(MaxSummary - 1)].TrimEnd() + "…";
    }

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
