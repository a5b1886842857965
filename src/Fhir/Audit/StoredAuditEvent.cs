namespace ClinicalAgent.Fhir.Audit;

/// <summary>One row of the audit table: the record as written, with the AuditEvent's id and the server that observed it.
/// The AuditEvent itself is built from it when read (<see cref="AuditEventFactory"/>).</summary>
internal sealed record StoredAuditEvent(string Id, string Observer, AuditRecord Record);
