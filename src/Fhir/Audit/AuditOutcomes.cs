namespace ClinicalAgent.Fhir.Audit;

/// <summary>Outcomes from what a call answered.</summary>
public static class AuditOutcomes
{
    /// <summary>0 below 400, 4 for a 4xx, 8 for a 5xx.</summary>
    public static AuditOutcome FromHttpStatus(int status) => status switch
    {
        < 400 => AuditOutcome.Success,
        < 500 => AuditOutcome.MinorFailure,
        _ => AuditOutcome.SeriousFailure,
    };
}
