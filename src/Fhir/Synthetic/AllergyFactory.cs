using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>Builds AllergyIntolerances from four common allergens, charted at the patient's first encounter.</summary>
internal static class AllergyFactory
{
    private sealed record Allergen(
        string Code, string Display, string Text, AllergyIntolerance.AllergyIntoleranceCategory Category,
        AllergyIntolerance.AllergyIntoleranceCriticality Criticality, string ReactionCode, string ReactionDisplay,
        AllergyIntolerance.AllergyIntoleranceSeverity Severity);

    private static readonly Allergen[] Allergens =
    [
        new("373270004", "Substance with penicillin structure and antibacterial mechanism of action", "Penicillin",
            AllergyIntolerance.AllergyIntoleranceCategory.Medication, AllergyIntolerance.AllergyIntoleranceCriticality.Low,
            "247472004", "Wheal", AllergyIntolerance.AllergyIntoleranceSeverity.Moderate),
        new("762952008", "Peanut", "Peanut", AllergyIntolerance.AllergyIntoleranceCategory.Food,
            AllergyIntolerance.AllergyIntoleranceCriticality.High, "39579001", "Anaphylaxis", AllergyIntolerance.AllergyIntoleranceSeverity.Severe),
        new("111088007", "Latex", "Latex", AllergyIntolerance.AllergyIntoleranceCategory.Environment,
            AllergyIntolerance.AllergyIntoleranceCriticality.Low, "126485001", "Urticaria", AllergyIntolerance.AllergyIntoleranceSeverity.Mild),
        new("387406002", "Sulfonamide", "Sulfa drugs", AllergyIntolerance.AllergyIntoleranceCategory.Medication,
            AllergyIntolerance.AllergyIntoleranceCriticality.Low, "271807003", "Eruption of skin", AllergyIntolerance.AllergyIntoleranceSeverity.Moderate),
    ];

    public static IEnumerable<AllergyIntolerance> Create(string mrn, Visit firstVisit, SyntheticRandom rng)
    {
        var count = rng.Chance(0.35) ? rng.Chance(0.25) ? 2 : 1 : 0;
        var first = rng.Next(0, Allergens.Length);
        for (var i = 0; i < count; i++)
        {
            var allergen = Allergens[(first + i) % Allergens.Length];
            var confirmed = rng.Chance(0.85);
            yield return new AllergyIntolerance
            {
                Id = $"{mrn}-alg-{i + 1}",
                ClinicalStatus = Codes.Concept(Codes.AllergyClinical, "active", "Active"),
                VerificationStatus = Codes.Concept(Codes.AllergyVerification, confirmed ? "confirmed" : "unconfirmed", confirmed ? "Confirmed" : "Unconfirmed"),
                Type = AllergyIntolerance.AllergyIntoleranceType.Allergy,
                Category = [allergen.Category],
                Criticality = allergen.Criticality,
                Code = Codes.Concept(Codes.Snomed, allergen.Code, allergen.Display, allergen.Text),
                Patient = Codes.Ref("Patient", mrn),
                Encounter = Codes.Ref("Encounter", firstVisit.Id),
                RecordedDate = ClinicTime.Text(ProblemListFactory.Charted(firstVisit)),
                Recorder = Codes.Ref("Practitioner", firstVisit.PractitionerId),
                Reaction =
                [
                    new AllergyIntolerance.ReactionComponent
                    {
                        Manifestation = [Codes.Concept(Codes.Snomed, allergen.ReactionCode, allergen.ReactionDisplay)],
                        Severity = allergen.Severity,
                    },
                ],
            };
        }
    }
}
