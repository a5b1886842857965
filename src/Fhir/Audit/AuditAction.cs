namespace ClinicalAgent.Fhir.Audit;

/// <summary>AuditEvent.action: create, read (view, print, search), update, delete, execute.</summary>
public enum AuditAction
{
    /// <summary>C.</summary>
    Create,

    /// <summary>R.</summary>
    Read,

    /// <summary>U.</summary>
    Update,

    /// <summary>D.</summary>
    Delete,

    /// <summary>E.</summary>
    Execute,
}
