using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// The codes HL7 AI Transparency on FHIR and R4's Provenance use: the <c>AIAST</c> security label that marks AI-asserted
/// data, the participant types of a Provenance agent, and the activity and reason codes.
/// </summary>
public static class AiTransparency
{
    /// <summary>The code system of the <c>AIAST</c> label.</summary>
    public const string ObservationValueSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /// <summary>"Artificial Intelligence asserted": the label every agent-written resource carries in <c>meta.security</c>.</summary>
    public const string AiAssertedCode = "AIAST";

    /// <summary>The code system of Provenance agent types (author, assembler, verifier…).</summary>
    public const string ParticipantTypeSystem = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    /// <summary>The code system of Provenance activities (CREATE…).</summary>
    public const string DataOperationSystem = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

    /// <summary>The code system of Provenance reasons (TREAT…).</summary>
    public const string ActReasonSystem = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>The <c>AIAST</c> label as a Coding.</summary>
    public static Coding AiAssertedLabel() => new(ObservationValueSystem, AiAssertedCode, "Artificial Intelligence asserted");

    /// <summary>A Provenance agent type (<c>author</c>, <c>assembler</c>, <c>verifier</c>).</summary>
    public static CodeableConcept ParticipantType(string code) => new(ParticipantTypeSystem, code);
}
