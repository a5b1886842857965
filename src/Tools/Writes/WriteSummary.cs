using System.Text.Json.Serialization;

namespace ClinicalAgent.Tools.Writes;

/// <summary>A compact view of a proposed write for the model: no raw FHIR.</summary>
internal sealed record WriteSummary(
    [property: JsonPropertyName("resource_type")] string ResourceType,
    [property: JsonPropertyName("patient_id")] string PatientId,
    string Summary,
    [property: JsonPropertyName("idempotency_key")] string IdempotencyKey);
