using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading;

/// <summary>A write the run proposed, as MedAgentBench sees a POST: the resource type and the JSON body.</summary>
/// <param name="ResourceType">The FHIR type the body claims (or the POST URL names).</param>
/// <param name="Body">The resource as FHIR JSON.</param>
/// <param name="Url">The POST URL in protocol mode; null for our tools.</param>
public sealed record ProposedPost(string ResourceType, JsonElement Body, string? Url = null)
{
    /// <summary>A post from a resource's FHIR JSON text.</summary>
    public static ProposedPost FromJson(string resourceJson, string? url = null)
    {
        using var document = JsonDocument.Parse(resourceJson);
        var body = document.RootElement.Clone();
        var type = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("resourceType", out var t) && t.ValueKind == JsonValueKind.String
            ? t.GetString()!
            : url?.TrimEnd('/').Split('/').LastOrDefault() ?? "";
        return new ProposedPost(type, body, url);
    }
}
