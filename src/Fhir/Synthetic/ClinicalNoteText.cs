using System.Globalization;
using System.Text;

namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// Writes a short clinical note from <see cref="NoteFacts"/>: problems, medications, vitals and labs as the
/// record holds them at that moment, so the note never contradicts the structured data.
/// </summary>
internal static class ClinicalNoteText
{
    /// <summary>Labs worth a line in a note, in the order a clinician reads them.</summary>
    public static readonly IReadOnlyList<LabDefinition> NoteLabs =
    [
        LabCatalog.Sodium, LabCatalog.Potassium, LabCatalog.Creatinine, LabCatalog.Magnesium, LabCatalog.CapillaryGlucose,
        LabCatalog.HbA1c, LabCatalog.Hemoglobin, LabCatalog.Leukocytes,
    ];

    public static string Write(NoteFacts facts)
    {
        var patient = facts.Patient;
        var text = new StringBuilder();
        var who = $"{patient.Given} {patient.Family} is a {patient.AgeOn(facts.Time)}-year-old {(patient.Female ? "woman" : "man")}";
        text.Append(facts.Visit.Kind switch
        {
            VisitKind.CheckUp => $"{who} seen for an annual check-up.",
            VisitKind.FollowUp => $"{who} seen for follow-up of {(facts.ActiveProblems.Count > 0 ? facts.ActiveProblems[0].Definition.Term : "general health")}.",
            VisitKind.Emergency => $"{who} presenting to the emergency department with {facts.Complaint}.",
            _ when facts.Admission => $"{who} admitted from the emergency department with {facts.Complaint}.",
            _ => $"{who}, hospital day {HospitalDay(facts).ToString(CultureInfo.InvariantCulture)}, admitted with {facts.Complaint}.",
        }).Append('\n');

        text.Append("Active problems: ")
            .Append(facts.ActiveProblems.Count == 0 ? "none." : string.Join(", ", facts.ActiveProblems.Select(p => p.Definition.Term)) + ".")
            .Append('\n');
        text.Append("Medications: ")
            .Append(facts.ActiveOrders.Count == 0 ? "none." : string.Join("; ", facts.ActiveOrders.Select(o => o.Medication.ShortName)) + ".")
            .Append('\n');
        text.Append("Allergies: ")
            .Append(facts.Allergies.Count == 0 ? "no known allergies." : string.Join(", ", facts.Allergies) + ".")
            .Append('\n');

        if (facts.Vitals is { } v)
        {
            text.Append(CultureInfo.InvariantCulture, $"Vitals: BP {v.Systolic}/{v.Diastolic} mmHg, HR {v.HeartRate}/min, temperature {v.TemperatureC} Cel, SpO2 {v.SpO2}%");
            if (v.WeightKg is { } weight)
            {
                text.Append(CultureInfo.InvariantCulture, $", weight {weight} kg, BMI {v.Bmi} kg/m2");
            }

            text.Append(".\n");
        }

        if (facts.LatestLabs.Count > 0)
        {
            text.Append("Most recent labs: ")
                .Append(string.Join(", ", facts.LatestLabs.Select(r => Describe(r, patient.Female))))
                .Append(".\n");
        }

        text.Append("Assessment and plan: ");
        var plans = facts.ActiveProblems.Select(p => Plan(p, facts)).ToList();
        text.Append(plans.Count == 0 ? "healthy adult; age-appropriate screening reviewed." : string.Join(" ", plans));
        text.Append(facts.Visit.Ambulatory ? " Return to clinic in 3 to 6 months." : facts.Visit.Kind == VisitKind.Emergency
            ? " Discharged home with return precautions."
            : " Continue inpatient monitoring.");
        return text.Append('\n').ToString();
    }

    private static string Describe(LabResult result, bool female)
    {
        var (low, high) = result.Lab.RangeFor(female);
        var flag = result.Value < low ? " (low)" : result.Value > high ? " (high)" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{result.Lab.ShortName} {result.Value} {result.Lab.Unit}{flag}");
    }

    private static string Plan(Problem problem, NoteFacts facts)
    {
        var medications = facts.ActiveOrders
            .Where(o => problem.Definition.Medications.Contains(o.Medication))
            .Select(o => o.Medication.ShortName)
            .ToList();
        var term = char.ToUpperInvariant(problem.Definition.Term[0]) + problem.Definition.Term[1..];
        var deficit = problem.Definition == ConditionCatalog.Hypokalemia ? LabCatalog.Potassium
            : problem.Definition == ConditionCatalog.Hypomagnesemia ? LabCatalog.Magnesium
            : null;
        if (deficit is not null && facts.LatestLabs.FirstOrDefault(r => r.Lab == deficit) is { } latest)
        {
            // States the finding, not an order: replacement orders are the agent's job in MedAgentBench tasks.
            return string.Create(CultureInfo.InvariantCulture, $"{term}: {latest.Lab.ShortName.ToLowerInvariant()} {latest.Value} {latest.Lab.Unit}, replacement to be addressed.");
        }

        return medications.Count > 0
            ? $"{term}: continue {string.Join(" and ", medications)}."
            : $"{term}: monitor.";
    }

    private static int HospitalDay(NoteFacts facts) =>
        (facts.Time.ToOffset(ClinicTime.Offset).Date - facts.Visit.Start.ToOffset(ClinicTime.Offset).Date).Days + 1;
}
