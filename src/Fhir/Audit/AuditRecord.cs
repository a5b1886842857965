namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// One access, as the code that saw it describes it; <see cref="IAuditSink"/> stamps it and the writer turns it into
/// an AuditEvent. It holds references and ids only, never resource contents or search values other than references.
/// </summary>
/// <param name="Kind">REST, tool call, approval or workflow start.</param>
/// <param name="Subtype">The interaction (<c>read</c>, <c>search-type</c>, …), the tool's name, <c>approve</c>/<c>reject</c>, <c>start</c>.</param>
/// <param name="Action">C R U D E.</param>
/// <param name="Outcome">0, 4, 8 or 12.</param>
public sealed record AuditRecord(AuditKind Kind, string Subtype, AuditAction Action, AuditOutcome Outcome)
{
    /// <summary>Who made the access (the requestor); null when nobody is known (authorization off).</summary>
    public AuditActor? Actor { get; init; }

    /// <summary>The OAuth client (<c>client_id</c>) the access came through, if any.</summary>
    public string? ClientId { get; init; }

    /// <summary>The patient the access was about (an id), if one.</summary>
    public string? PatientId { get; init; }

    /// <summary>The resources read or written, as references (<c>Observation/1</c>, <c>Observation/1/_history/2</c>).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>For a search: the parameter names, with values only for reference parameters (<see cref="AuditQuery"/>).</summary>
    public string? Query { get; init; }

    /// <summary>A workflow instance the access belongs to, with its workflow's name.</summary>
    public (string Workflow, string InstanceId)? WorkflowInstance { get; init; }

    /// <summary>The HTTP status or a short code of the outcome (<c>404</c>), never a message.</summary>
    public string? OutcomeDetail { get; init; }

    /// <summary>When it happened; set by the sink from its clock.</summary>
    public DateTimeOffset Recorded { get; init; }
}
