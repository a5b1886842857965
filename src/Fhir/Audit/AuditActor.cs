namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// Who made an access: a person (a token's <c>fhirUser</c> or subject, the local OS user) or an automation (a workflow
/// instance). References and identifiers only: no names beyond what identifies the actor.
/// </summary>
/// <param name="Reference">A FHIR reference to the person (<c>Practitioner/123</c>, from <c>fhirUser</c>), if known.</param>
/// <param name="IdentifierSystem">The system of <paramref name="Identifier"/> (see <see cref="AuditCodes"/>).</param>
/// <param name="Identifier">The subject, OS user name or instance id.</param>
/// <param name="IsPerson">True for a human user (agent type <c>humanuser</c>).</param>
public sealed record AuditActor(string? Reference, string? IdentifierSystem, string? Identifier, bool IsPerson)
{
    /// <summary>What <c>agent.who.display</c> shows: the reference, else the identifier.</summary>
    public string? Display => Reference ?? Identifier;

    /// <summary>The person logged in to this machine, for CLI commands.</summary>
    public static AuditActor LocalUser() => new(null, AuditCodes.OsUserIdentifierSystem, Environment.UserName, IsPerson: true);

    /// <summary>A person named by <paramref name="by"/>: a FHIR reference (<c>Practitioner/1</c>) or another identifier.</summary>
    public static AuditActor Person(string by) =>
        by.Contains('/', StringComparison.Ordinal) && !by.Contains("://", StringComparison.Ordinal)
            ? new(by, null, null, IsPerson: true)
            : new(null, AuditCodes.SubjectIdentifierSystem, by, IsPerson: true);

    /// <summary>A workflow instance acting on its own (its agent steps' tool calls, its triggered starts).</summary>
    public static AuditActor Workflow(string instanceId) => new(null, AuditCodes.WorkflowInstanceIdentifierSystem, instanceId, IsPerson: false);
}
