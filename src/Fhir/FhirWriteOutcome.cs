namespace ClinicalAgent.Fhir;

/// <summary>What a write did to the record.</summary>
public enum FhirWriteOutcome
{
    /// <summary>A new resource was stored (HTTP 201).</summary>
    Created,

    /// <summary>A new version of an existing resource was stored (HTTP 200).</summary>
    Updated,

    /// <summary>A conditional create matched an existing resource; nothing was written (HTTP 200).</summary>
    Existing,
}
