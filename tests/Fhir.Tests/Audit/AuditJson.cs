using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Tests.Audit;

/// <summary>Reading AuditEvents back in tests.</summary>
public static class AuditJson
{
    public static string Serialize(IEnumerable<AuditEvent> events) => string.Join('\n', events.Select(e => FhirJson.Serialize(e)));

    public static AuditEvent.EntityComponent? EntityWithRole(AuditEvent audit, string role) =>
        audit.Entity.SingleOrDefault(e => e.Role?.Code == role && e.Role.System == AuditCodes.ObjectRoleSystem);

    public static string? Query(AuditEvent audit) =>
        EntityWithRole(audit, "24")?.Query is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : null;

    public static AuditEvent.AgentComponent Agent(AuditEvent audit, string typeCode) => audit.Agent.Single(a => a.Type.Coding[0].Code == typeCode);
}
