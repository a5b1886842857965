namespace ClinicalAgent.Fhir.Audit;

/// <summary>What kind of access an AuditEvent records; its <c>type</c> (see <see cref="AuditCodes"/>).</summary>
public enum AuditKind
{
    /// <summary>A FHIR REST interaction (<c>audit-event-type#rest</c>, subtype the restful interaction).</summary>
    Rest,

    /// <summary>A tool call the agent made (subtype the tool's name).</summary>
    ToolCall,

    /// <summary>A workflow approval decided (subtype <c>approve</c> or <c>reject</c>).</summary>
    Approval,

    /// <summary>A workflow instance started (subtype <c>start</c>).</summary>
    WorkflowStart,
}
