namespace ClinicalAgent.Fhir.Audit;

/// <summary>AuditEvent.outcome: the FHIR R4 codes.</summary>
public enum AuditOutcome
{
    /// <summary>0: success.</summary>
    Success = 0,

    /// <summary>4: minor failure (the request was refused or named nothing: 4xx).</summary>
    MinorFailure = 4,

    /// <summary>8: serious failure (the server failed: 5xx).</summary>
    SeriousFailure = 8,

    /// <summary>12: major failure (no answer at all: the request was aborted).</summary>
    MajorFailure = 12,
}
