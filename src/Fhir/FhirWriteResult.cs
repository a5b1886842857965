using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir;

/// <summary>The stored resource (with its id and meta) and what the write did.</summary>
public sealed record FhirWriteResult(Resource Resource, FhirWriteOutcome Outcome)
{
    /// <summary>The resource's relative location, <c>Type/id/_history/version</c>.</summary>
    public string Location => $"{Resource.TypeName}/{Resource.Id}/_history/{Resource.Meta?.VersionId}";
}
