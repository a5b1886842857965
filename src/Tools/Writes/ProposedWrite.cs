namespace ClinicalAgent.Tools.Writes;

/// <summary>A write a tool wants to make, as an approver sees it.</summary>
/// <param name="Tool">The tool's snake_case name, e.g. <c>record_vital_sign</c>.</param>
/// <param name="ResourceType">The FHIR type to be created.</param>
/// <param name="ResourceJson">The proposed resource as FHIR R4 JSON, idempotency identifier included.</param>
/// <param name="IdempotencyKey">The key that makes repeating the write a no-op.</param>
/// <param name="PatientId">The patient the resource is about.</param>
/// <param name="Summary">One line for a person, e.g. <c>Blood pressure 118/77 mmHg for S1234567</c>.</param>
/// <param name="Model">The AI system that proposed it; null when unknown.</param>
/// <param name="Sources">The resource ids the run's tools had returned when it was proposed (its Provenance's sources).</param>
public sealed record ProposedWrite(string Tool, string ResourceType, string ResourceJson, string IdempotencyKey, string PatientId, string Summary,
    AiSystem? Model = null, IReadOnlyList<string>? Sources = null)
{
    /// <summary>The Provenance facts of this write once <paramref name="approver"/> let it through at <paramref name="recorded"/>.</summary>
    public WriteAttribution Attribute(WriteApprover approver, DateTimeOffset recorded) =>
        new(Model ?? AiSystem.Unidentified, approver, Sources ?? [], $"agent tool {Tool}", recorded);
}
