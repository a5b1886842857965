using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Reshapes one generated patient's record the way real exports look (<see cref="SyntheticStyle.Synthea"/>), keeping
/// every value: the tools must read the same facts from either shape. Resources stay in reference order.
/// </summary>
internal static class SyntheaStyle
{
    /// <summary>Codes that Synthea and many labs use instead of the generator's: the same analyte, another specimen code.</summary>
    private static readonly Dictionary<string, LoincCode> Variants = new(StringComparer.Ordinal)
    {
        ["2823-3"] = Analytes.Potassium.Codes.Single(c => c.Code == "6298-4"),
        ["2951-2"] = Analytes.Sodium.Codes.Single(c => c.Code == "2947-0"),
        ["2160-0"] = Analytes.Creatinine.Codes.Single(c => c.Code == "38483-4"),
    };

    public static List<Resource> Apply(List<Resource> record, SyntheticRandom rng, DateTimeOffset now)
    {
        var patient = record.OfType<Patient>().Single();
        var encounters = record.OfType<Encounter>().ToList();
        foreach (var encounter in encounters)
        {
            encounter.Class = new Coding(encounter.Class.System, encounter.Class.Code); // a bare code, no display
        }

        foreach (var observation in record.OfType<Observation>())
        {
            Reshape(observation, rng);
        }

        var reshaped = new List<Resource>(record.Count + 8);
        var medications = MedicationsByReference(record.OfType<MedicationRequest>().ToList(), patient.Id!, rng);
        foreach (var resource in record)
        {
            if (resource is MedicationRequest && medications.Count > 0)
            {
                reshaped.AddRange(medications); // before the first order that refers to them
                medications.Clear();
            }

            reshaped.Add(resource);
        }

        if (encounters.Count > 0)
        {
            reshaped.Add(SurveyFactory.Phq2($"{patient.Id}-survey-1", patient.Id!, encounters[0], rng));
        }

        if (rng.Chance(0.2) && encounters.All(e => e.Status != Encounter.EncounterStatus.InProgress))
        {
            patient.Deceased = new FhirDateTime(DeathTime(encounters, rng, now));
        }

        return reshaped;
    }

    private static void Reshape(Observation observation, SyntheticRandom rng)
    {
        // Synthea lists the diastolic component first: a reader that goes by position shows 83/145 for 145/83.
        if (observation.Component.Count == 2 && observation.Component[0].Code.Coding[0].Code == Analytes.SystolicCode)
        {
            observation.Component.Reverse();
        }

        var coding = observation.Code.Coding[0];
        if (coding.Code is { } code && Variants.TryGetValue(code, out var variant) && rng.Chance(0.5))
        {
            observation.Code = new CodeableConcept { Coding = [new Coding(Analytes.LoincSystem, variant.Code, variant.Display)], Text = variant.Display };
        }
    }

    /// <summary>Half the orders name their product by reference: a Medication resource, or one contained in the order.</summary>
    private static List<Resource> MedicationsByReference(List<MedicationRequest> requests, string patientId, SyntheticRandom rng)
    {
        var shared = new Dictionary<string, Medication>(StringComparer.Ordinal);
        foreach (var request in requests)
        {
            if (request.Medication is not CodeableConcept concept || !rng.Chance(0.5))
            {
                continue;
            }

            var rxnorm = concept.Coding[0].Code ?? "";
            if (rng.Chance(0.3))
            {
                request.Contained.Add(new Medication { Id = "med", Code = concept, Status = Medication.MedicationStatusCodes.Active });
                request.Medication = new ResourceReference("#med");
                continue;
            }

            if (!shared.TryGetValue(rxnorm, out var medication))
            {
                medication = new Medication { Id = $"{patientId}-medication-{shared.Count + 1}", Code = concept, Status = Medication.MedicationStatusCodes.Active };
                shared[rxnorm] = medication;
            }

            request.Medication = new ResourceReference($"Medication/{medication.Id}");
        }

        return [.. shared.Values];
    }

    private static string DeathTime(List<Encounter> encounters, SyntheticRandom rng, DateTimeOffset now)
    {
        var last = encounters.Select(e => FhirDateTimeOf(e.Period?.End ?? e.Period?.Start)).Max() ?? now.AddYears(-1);
        var death = last.AddDays(rng.Next(2, 60));
        return ClinicTime.Text(death < now ? death : now.AddHours(-1));
    }

    private static DateTimeOffset? FhirDateTimeOf(string? text) =>
        text is null ? null : new FhirDateTime(text).ToDateTimeOffset(TimeSpan.Zero);
}
