using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Survey panels as real exports carry them: one Observation whose components are the questions, each answered with a
/// LOINC answer code, and the score as a quantity component.
/// </summary>
internal static class SurveyFactory
{
    private static readonly (string Code, string Display)[] Answers =
    [
        ("LA6568-5", "Not at all"), ("LA6569-3", "Several days"), ("LA6570-1", "More than half the days"), ("LA6571-9", "Nearly every day"),
    ];

    /// <summary>A PHQ-2 depression screen at <paramref name="encounter"/>.</summary>
    public static Observation Phq2(string id, string patientId, Encounter encounter, SyntheticRandom rng)
    {
        var interest = rng.Next(0, 4);
        var mood = rng.Next(0, 4);
        return new Observation
        {
            Id = id,
            Status = ObservationStatus.Final,
            Category = [Codes.Concept(Codes.ObservationCategory, "survey", "Survey")],
            Code = Codes.Concept(Codes.Loinc, "55757-9", "Patient Health Questionnaire 2 item (PHQ-2) [Reported]"),
            Subject = Codes.Ref("Patient", patientId),
            Encounter = Codes.Ref("Encounter", encounter.Id!),
            Effective = new FhirDateTime(encounter.Period!.Start),
            Component =
            [
                Question("44250-9", "Little interest or pleasure in doing things", interest),
                Question("44255-8", "Feeling down, depressed, or hopeless", mood),
                new Observation.ComponentComponent
                {
                    Code = Codes.Concept(Codes.Loinc, "55758-7", "Patient Health Questionnaire 2 item (PHQ-2) total score [Reported]"),
                    Value = new Quantity { Value = interest + mood, Unit = "{score}", System = Codes.Ucum, Code = "{score}" },
                },
            ],
        };
    }

    private static Observation.ComponentComponent Question(string code, string display, int answer) => new()
    {
        Code = Codes.Concept(Codes.Loinc, code, display),
        Value = Codes.Concept(Codes.Loinc, Answers[answer].Code, Answers[answer].Display),
    };
}
