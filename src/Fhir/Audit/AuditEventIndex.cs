using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// What each R4 AuditEvent search parameter selects, written out in C# instead of evaluated as FHIRPath: every access
/// writes an AuditEvent, and FHIRPath over all 22 parameters cost more than the access itself. The selections are the
/// specification's expressions element for element (a test holds them equal to the FHIRPath results); the index
/// rows are then made as for any resource.
/// </summary>
internal static class AuditEventIndex
{
    public static readonly IReadOnlyDictionary<string, Func<AuditEvent, IEnumerable<Base?>>> Selectors =
        new Dictionary<string, Func<AuditEvent, IEnumerable<Base?>>>(StringComparer.Ordinal)
        {
            ["_tag"] = e => e.Meta?.Tag ?? [],
            ["_security"] = e => e.Meta?.Security ?? [],
            ["_profile"] = e => e.Meta?.ProfileElement ?? [],
            ["_source"] = e => [e.Meta?.SourceElement],
            ["action"] = e => [e.ActionElement],
            ["address"] = e => e.Agent.Select(a => a.Network?.AddressElement),
            ["agent"] = e => e.Agent.Select(a => a.Who),
            ["agent-name"] = e => e.Agent.Select(a => a.NameElement),
            ["agent-role"] = e => e.Agent.SelectMany(a => a.Role),
            ["altid"] = e => e.Agent.Select(a => a.AltIdElement),
            ["date"] = e => [e.RecordedElement],
            ["entity"] = e => e.Entity.Select(x => x.What),
            ["entity-name"] = e => e.Entity.Select(x => x.NameElement),
            ["entity-role"] = e => e.Entity.Select(x => x.Role),
            ["entity-type"] = e => e.Entity.Select(x => x.Type),
            ["outcome"] = e => [e.OutcomeElement],
            ["patient"] = Patients,
            ["policy"] = e => e.Agent.SelectMany(a => a.PolicyElement),
            ["site"] = e => [e.Source?.SiteElement],
            ["source"] = e => [e.Source?.Observer],
            ["subtype"] = e => e.Subtype,
            ["type"] = e => [e.Type],
        };

    // agent.who.where(resolve() is Patient) | entity.what.where(resolve() is Patient). The union keeps both elements
    // when a patient is agent and entity (they are different nodes), as the FHIRPath engine does.
    private static IEnumerable<Base?> Patients(AuditEvent audit) =>
        audit.Agent.Select(a => a.Who).Concat(audit.Entity.Select(x => x.What))
            .Where(r => r?.Reference?.StartsWith("Patient/", StringComparison.Ordinal) == true);
}
