using System.Text;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// Turns an <see cref="AuditRecord"/> into a FHIR R4 AuditEvent in the IHE BALP style: type and subtype, action,
/// recorded, outcome, the agents (the user as requestor, the client app, this server), the source (this server)
/// and the entities (the patient with role 1, each resource with role 4, a search's query with role 24). The audit
/// table stores the record, not the AuditEvent: building one costs more than the access it describes, and only a
/// search needs it.
/// </summary>
internal static class AuditEventFactory
{
    public static AuditEvent Create(StoredAuditEvent stored)
    {
        var (record, observer) = (stored.Record, stored.Observer);
        var audit = new AuditEvent
        {
            Id = stored.Id,
            Type = Type(record.Kind),
            Subtype = [Subtype(record)],
            Action = Action(record.Action),
            Recorded = record.Recorded,
            Outcome = Outcome(record.Outcome),
            OutcomeDesc = record.OutcomeDetail,
            Source = new AuditEvent.SourceComponent
            {
                Observer = ObserverReference(observer),
                Type = [new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server")],
            },
        };

        if (record.Actor is { } actor)
        {
            audit.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = actor.IsPerson
                    ? new CodeableConcept(AuditCodes.SecurityRoleTypeSystem, "humanuser", "human user")
                    : new CodeableConcept(AuditCodes.DicomSystem, "110150", "Application"),
                Who = new ResourceReference
                {
                    Reference = actor.Reference,
                    Identifier = actor.Identifier is null ? null : new Identifier(actor.IdentifierSystem, actor.Identifier),
                    Display = actor.Display,
                },
                Requestor = true,
            });
        }

        if (record.ClientId is { } client)
        {
            audit.Agent.Add(new AuditEvent.AgentComponent
            {
                Type = new CodeableConcept(AuditCodes.DicomSystem, "110153", "Source Role ID"),
                Who = new ResourceReference { Identifier = new Identifier(AuditCodes.ClientIdentifierSystem, client), Display = client },
                Requestor = record.Actor is null,
            });
        }

        audit.Agent.Add(new AuditEvent.AgentComponent
        {
            Type = new CodeableConcept(AuditCodes.DicomSystem, "110152", "Destination Role ID"),
            Who = ObserverReference(observer),
            Requestor = false,
        });

        if (record.PatientId is { Length: > 0 } patient)
        {
            audit.Entity.Add(Entity(new ResourceReference("Patient/" + patient), "1", "Person", "1", "Patient"));
        }

        foreach (var reference in record.Resources.Distinct(StringComparer.Ordinal))
        {
            audit.Entity.Add(Entity(new ResourceReference(reference), "2", "System Object", "4", "Domain Resource"));
        }

        if (record.Query is { } query)
        {
            var entity = Entity(null, "2", "System Object", "24", "Query");
            entity.Query = Encoding.UTF8.GetBytes(query);
            audit.Entity.Add(entity);
        }

        if (record.WorkflowInstance is { } instance)
        {
            var entity = Entity(
                new ResourceReference { Identifier = new Identifier(AuditCodes.WorkflowInstanceIdentifierSystem, instance.InstanceId) },
                "2", "System Object", "20", "Job");
            entity.Name = instance.Workflow;
            audit.Entity.Add(entity);
        }

        return audit;
    }

    private static ResourceReference ObserverReference(string observer) =>
        new() { Identifier = new Identifier(AuditCodes.ObserverIdentifierSystem, observer), Display = observer };

    private static AuditEvent.EntityComponent Entity(ResourceReference? what, string type, string typeDisplay, string role, string roleDisplay) => new()
    {
        What = what,
        Type = new Coding(AuditCodes.EntityTypeSystem, type, typeDisplay),
        Role = new Coding(AuditCodes.ObjectRoleSystem, role, roleDisplay),
    };

    private static Coding Type(AuditKind kind)
    {
        var (system, code, display) = AuditCodes.TypeOf(kind);
        return new Coding(system, code, display);
    }

    private static Coding Subtype(AuditRecord record) => new(AuditCodes.SubtypeSystemOf(record.Kind), record.Subtype);

    private static AuditEvent.AuditEventAction Action(AuditAction action) => action switch
    {
        AuditAction.Create => AuditEvent.AuditEventAction.C,
        AuditAction.Read => AuditEvent.AuditEventAction.R,
        AuditAction.Update => AuditEvent.AuditEventAction.U,
        AuditAction.Delete => AuditEvent.AuditEventAction.D,
        _ => AuditEvent.AuditEventAction.E,
    };

    private static AuditEvent.AuditEventOutcome Outcome(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Success => AuditEvent.AuditEventOutcome.N0,
        AuditOutcome.MinorFailure => AuditEvent.AuditEventOutcome.N4,
        AuditOutcome.SeriousFailure => AuditEvent.AuditEventOutcome.N8,
        _ => AuditEvent.AuditEventOutcome.N12,
    };
}
