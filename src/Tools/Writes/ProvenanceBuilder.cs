using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// The Provenance of one agent write (HL7 AI Transparency on FHIR): the target, when it was recorded, the model as
/// author and assembler, the approving person as verifier (or the automation as an author), the sources the answer
/// rested on, and what produced it. It carries the write's idempotency key as a tag, so a retry finds it.
/// </summary>
internal static class ProvenanceBuilder
{
    /// <summary>The identifier system a model's version (file hash or endpoint) is given under.</summary>
    public const string ModelSystem = "urn:clinicalagent:model";

    public static Provenance Build(string targetReference, string key, WriteAttribution attribution, ResourceReference approver,
        IEnumerable<string> sources)
    {
        var provenance = new Provenance
        {
            Meta = new Meta { Tag = [new Coding(Idempotency.System, key)] },
            Target = [new ResourceReference(targetReference)],
            Recorded = attribution.Recorded,
            Activity = new CodeableConcept(AiTransparency.DataOperationSystem, "CREATE", "create", attribution.Activity),
            Reason = [new CodeableConcept(AiTransparency.ActReasonSystem, "TREAT", "treatment")],
        };
        if (attribution.Model is { } model)
        {
            provenance.Agent.Add(Agent("author", ModelReference(model)));
            provenance.Agent.Add(Agent("assembler", ModelReference(model)));
        }

        // A person verified it; automation cannot, so it is named as what authored the decision to write.
        provenance.Agent.Add(Agent(attribution.Approver.IsPerson ? "verifier" : "author", approver));
        foreach (var source in sources)
        {
            provenance.Entity.Add(new Provenance.EntityComponent
            {
                Role = Provenance.ProvenanceEntityRole.Source,
                What = new ResourceReference(source),
            });
        }

        return provenance;
    }

    private static Provenance.AgentComponent Agent(string type, ResourceReference who) => new()
    {
        Type = AiTransparency.ParticipantType(type),
        Who = who,
    };

    // The model is no resource of the record; a display (name and version) and an identifier name it exactly.
    private static ResourceReference ModelReference(AiSystem model) => new()
    {
        Type = "Device",
        Display = model.Display,
        Identifier = model.Version is null ? null : new Identifier(ModelSystem, model.Version),
    };
}
