namespace ClinicalAgent.Fhir.Rest;

/// <summary>What a write's answer carries, from the <c>Prefer: return=…</c> header (FHIR's RESTful API, "return").</summary>
internal enum ReturnPreference
{
    /// <summary>The stored resource (the default).</summary>
    Representation,

    /// <summary>No body: the Location, ETag and Last-Modified headers say what was stored.</summary>
    Minimal,

    /// <summary>An OperationOutcome saying what was done, instead of the resource.</summary>
    OperationOutcome,
}

