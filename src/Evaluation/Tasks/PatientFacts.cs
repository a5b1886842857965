namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>What the task categories need to know about one patient, read from the record.</summary>
/// <param name="Mrn">The MRN (= Patient.id).</param>
/// <param name="Given">First given name.</param>
/// <param name="Family">Family name.</param>
/// <param name="BirthDate">Birth date, YYYY-MM-DD.</param>
/// <param name="Magnesium">Magnesium (LOINC 19123-9) results, newest first.</param>
/// <param name="Glucose">Blood glucose (LOINC 2339-0, 41653-7) results, newest first.</param>
/// <param name="Potassium">Potassium (every LOINC code in mmol/L: 2823-3, 6298-4, …) results, newest first.</param>
/// <param name="HbA1c">HbA1c in % (LOINC 4548-4, 17856-6, 4549-2) results, newest first.</param>
public sealed record PatientFacts(
    string Mrn,
    string Given,
    string Family,
    string BirthDate,
    IReadOnlyList<LabResult> Magnesium,
    IReadOnlyList<LabResult> Glucose,
    IReadOnlyList<LabResult> Potassium,
    IReadOnlyList<LabResult> HbA1c)
{
    /// <summary>Results of <paramref name="labs"/> in the 24 hours up to <paramref name="now"/>, newest first.</summary>
    public static IReadOnlyList<LabResult> Within24Hours(IReadOnlyList<LabResult> labs, DateTimeOffset now) =>
        [.. labs.Where(l => l.When <= now && l.When >= now.AddHours(-24))];

    /// <summary>The newest result at or before <paramref name="now"/>, if any.</summary>
    public static LabResult? Latest(IReadOnlyList<LabResult> labs, DateTimeOffset now) => labs.FirstOrDefault(l => l.When <= now);
}
