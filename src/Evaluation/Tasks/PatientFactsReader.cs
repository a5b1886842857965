using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Terminology;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// Reads <see cref="PatientFacts"/> through plain FHIR searches, so expected outcomes come from the record as any
/// FHIR client sees it, not from how the synthetic generator chose them.
/// </summary>
internal sealed class PatientFactsReader(IFhirGateway gateway)
{
    /// <summary>The LOINC code each category orders a lab by.</summary>
    public const string Magnesium = "19123-9", Glucose = "2339-0", Potassium = "2823-3", HbA1c = "4548-4";

    /// <summary>
    /// The codes each category reads: every LOINC code of the analyte on the property its thresholds are in (magnesium by
    /// mass in mg/dL, not 2601-3 in mmol/L; glucose in blood, the fingerstick reading, not a serum panel's; HbA1c in %).
    /// </summary>
    public static readonly IReadOnlyList<string> MagnesiumCodes = Analytes.Magnesium.CodesFor("MCnc"),
        GlucoseCodes = Analytes.Glucose.CodesFor("MCnc", "Bld", "BldC"),
        PotassiumCodes = Analytes.Potassium.CodesFor("SCnc"),
        HbA1cCodes = Analytes.HbA1c.CodesFor("MFr");

    private const string Loinc = Analytes.LoincSystem;

    /// <summary>Every patient's facts, ordered by MRN.</summary>
    public async Task<IReadOnlyList<PatientFacts>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var patients = await gateway.SearchAllAsync<Patient>("Patient", [new("_count", "500")], cancellationToken).ConfigureAwait(false);
        var facts = new List<PatientFacts>(patients.Count);
        // A unit perturbation's copy of a patient exists for its one task, not for new ones.
        foreach (var patient in patients.Where(p => p.Id is not null && !Units.UnitVariantRecords.IsVariant(p)).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            facts.Add(await ReadAsync(patient, cancellationToken).ConfigureAwait(false));
        }

        return facts;
    }

    private async Task<PatientFacts> ReadAsync(Patient patient, CancellationToken cancellationToken)
    {
        var codes = Analytes.Token(MagnesiumCodes.Concat(GlucoseCodes).Concat(PotassiumCodes).Concat(HbA1cCodes));
        var observations = await gateway.SearchAllAsync<Observation>("Observation",
            [new("patient", patient.Id!), new("code", codes), new("_count", "500")], cancellationToken).ConfigureAwait(false);
        var name = patient.Name.FirstOrDefault();
        return new PatientFacts(
            patient.Id!,
            name?.Given.FirstOrDefault() ?? "",
            name?.Family ?? "",
            patient.BirthDate ?? "",
            Labs(observations, MagnesiumCodes),
            Labs(observations, GlucoseCodes),
            Labs(observations, PotassiumCodes),
            Labs(observations, HbA1cCodes));
    }

    private static List<LabResult> Labs(IEnumerable<Observation> observations, IReadOnlyList<string> codes)
    {
        var labs = new List<LabResult>();
        foreach (var o in observations.Where(o => o.Code?.Coding.Any(c => c.System == Loinc && codes.Contains(c.Code)) == true))
        {
            if (o.Effective is FhirDateTime { Value: { } text } effective && o.Value is Quantity { Value: { } value })
                labs.Add(new LabResult(effective.ToDateTimeOffset(TimeSpan.Zero), value, text));
        }

        return [.. labs.OrderByDescending(l => l.When)];
    }
}
