namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// The code systems and codes our AuditEvents use (IHE BALP style). REST interactions carry the standard
/// <c>audit-event-type#rest</c> with the <c>restful-interaction</c> subtype; tool calls, approvals and workflow starts
/// have types and subtypes of ours under <see cref="System"/>, since no standard code names them.
/// </summary>
public static class AuditCodes
{
    /// <summary>Our code system for types, subtypes and identifiers that no standard one covers.</summary>
    public const string System = "https://clinicalagent.dev/audit";

    /// <summary>The type system of REST events.</summary>
    public const string EventTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-event-type";

    /// <summary>The subtype system of REST events: read, vread, search-type, create, update, transaction, …</summary>
    public const string RestfulInteractionSystem = "http://hl7.org/fhir/restful-interaction";

    /// <summary>Entity types (1 person, 2 system object).</summary>
    public const string EntityTypeSystem = "http://terminology.hl7.org/CodeSystem/audit-entity-type";

    /// <summary>Entity roles (1 patient, 4 domain resource, 20 job, 24 query).</summary>
    public const string ObjectRoleSystem = "http://terminology.hl7.org/CodeSystem/object-role";

    /// <summary>DICOM: agent types 110152 destination (the server), 110153 source (the client app), 110150 application.</summary>
    public const string DicomSystem = "http://dicom.nema.org/resources/ontology/DCM";

    /// <summary>Agent type of a person: <c>humanuser</c>.</summary>
    public const string SecurityRoleTypeSystem = "http://terminology.hl7.org/CodeSystem/extra-security-role-type";

    /// <summary>The type code of a tool call.</summary>
    public const string ToolCall = "tool-call";

    /// <summary>The type code of an approval decision.</summary>
    public const string Approval = "approval";

    /// <summary>The type code of a workflow start.</summary>
    public const string WorkflowStart = "workflow-start";

    /// <summary>Identifier system of a token's subject (<c>sub</c>).</summary>
    public const string SubjectIdentifierSystem = System + "/subject";

    /// <summary>Identifier system of an OAuth client (<c>client_id</c>).</summary>
    public const string ClientIdentifierSystem = System + "/client";

    /// <summary>Identifier system of the local OS user (the CLI's approver and tool caller).</summary>
    public const string OsUserIdentifierSystem = System + "/os-user";

    /// <summary>Identifier system of a workflow instance.</summary>
    public const string WorkflowInstanceIdentifierSystem = System + "/workflow-instance";

    /// <summary>The type coding of each kind of event: what the events say and what a search by <c>type</c> matches.</summary>
    public static (string System, string Code, string Display) TypeOf(AuditKind kind) => kind switch
    {
        AuditKind.Rest => (EventTypeSystem, "rest", "RESTful Operation"),
        AuditKind.ToolCall => (System, ToolCall, "Agent tool call"),
        AuditKind.Approval => (System, Approval, "Workflow approval decision"),
        _ => (System, WorkflowStart, "Workflow start"),
    };

    /// <summary>The subtype system of each kind: the restful interactions for REST, ours for the rest.</summary>
    public static string SubtypeSystemOf(AuditKind kind) => kind == AuditKind.Rest ? RestfulInteractionSystem : System;

    /// <summary>Identifier system of the observer (this server).</summary>
    public const string ObserverIdentifierSystem = System + "/observer";
}
