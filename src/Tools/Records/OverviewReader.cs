using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Terminology;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Results;
using ClinicalAgent.Tools.Time;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Records;

/// <summary>Reads the parts of a patient's overview: a handful of small searches, each capped.</summary>
internal sealed class OverviewReader(ClinicalRecords records, ClinicalClock clock, MedicationResolver medicationResolver)
{
    /// <summary>The key labs, in the order shown; each found by every LOINC code of its analyte.</summary>
    public static IReadOnlyList<Analyte> KeyLabs { get; } =
        [Analytes.Potassium, Analytes.Sodium, Analytes.Creatinine, Analytes.Glucose, Analytes.Magnesium, Analytes.HbA1c, Analytes.Hemoglobin, Analytes.Leukocytes];

    /// <summary>The resource types counted, with their patient search parameter.</summary>
    public static IReadOnlyList<string> CountedTypes { get; } =
    [
        "Condition", "MedicationRequest", "Observation", "DiagnosticReport", "Procedure", "AllergyIntolerance",
        "Encounter", "Immunization", "DocumentReference",
    ];

    private const int ListCap = 20;

    public async Task<PatientOverview> ReadAsync(string patientId, CancellationToken cancellationToken)
    {
        var patient = await records.GetPatientAsync(patientId, cancellationToken).ConfigureAwait(false);
        var id = patient.Id ?? "";
        var now = await clock.GetNowAsync(cancellationToken).ConfigureAwait(false);

        var counts = new Dictionary<string, int>();
        foreach (var type in CountedTypes)
        {
            counts[type] = await records.CountAsync(type, id, cancellationToken).ConfigureAwait(false);
        }

        var (problems, _) = await records.SearchAsync<Condition>(
            Query(id, ("clinical-status", "active")), ListCap, cancellationToken).ConfigureAwait(false);
        var (medications, _) = await medicationResolver.SearchAsync(
            records, [new("patient", id), new("status", "active")], ListCap, cancellationToken).ConfigureAwait(false);
        var (allergies, _) = await records.SearchAsync<AllergyIntolerance>(Query(id), ListCap, cancellationToken).ConfigureAwait(false);
        var (encounters, _) = await records.SearchAsync<Encounter>(
            Query(id, ("_sort", "-date")), 1, cancellationToken).ConfigureAwait(false);

        return new PatientOverview(
            RecordRows.Details(patient, now),
            counts,
            [.. problems.Select(RecordRows.Condition)],
            medications,
            [.. allergies.Select(RecordRows.Allergy)],
            encounters.Select(RecordRows.Encounter).FirstOrDefault(),
            await LatestVitalsAsync(id, cancellationToken).ConfigureAwait(false),
            await KeyLabsAsync(id, cancellationToken).ConfigureAwait(false));
    }

    // The vitals of the most recent vital-sign set: every code's newest value among the latest few dozen.
    private async Task<IReadOnlyList<ObservationRow>> LatestVitalsAsync(string patientId, CancellationToken cancellationToken)
    {
        var (vitals, _) = await records.SearchAsync<Observation>(
            Query(patientId, ("category", "vital-signs"), ("_sort", "-date")), 30, cancellationToken).ConfigureAwait(false);
        return [.. vitals.Select(RecordRows.Observation).DistinctBy(r => ObservationCodes.SeriesOf(r.Code))];
    }

    private async Task<IReadOnlyList<ObservationRow>> KeyLabsAsync(string patientId, CancellationToken cancellationToken)
    {
        var rows = new List<ObservationRow>();
        foreach (var analyte in KeyLabs)
        {
            var (latest, _) = await records.SearchAsync<Observation>(
                Query(patientId, ("code", Analytes.Token(analyte.CodeValues)), ("_sort", "-date")), 1, cancellationToken).ConfigureAwait(false);
            rows.AddRange(latest.Select(RecordRows.Observation));
        }

        return rows;
    }

    private static SearchQuery Query(string patientId, params (string Name, string Value)[] more) =>
        new([new("patient", patientId), .. more.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))]);
}
