namespace ClinicalAgent.Fhir.Terminology;

/// <summary>
/// A thing a clinician asks for by name (potassium, blood pressure) and every LOINC code that measures it: records
/// from different labs and EHRs code one analyte differently (Synthea writes potassium as 6298-4, most labs 2823-3).
/// </summary>
/// <param name="Name">The name shown and matched, e.g. <c>potassium</c>.</param>
/// <param name="Aliases">Other names and abbreviations matched, e.g. <c>k</c>.</param>
/// <param name="Codes">Every LOINC code of the analyte, the most common first.</param>
public sealed record Analyte(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<LoincCode> Codes)
{
    /// <summary>The codes only, in table order.</summary>
    public IReadOnlyList<string> CodeValues { get; } = [.. Codes.Select(c => c.Code)];

    /// <summary>
    /// The codes whose property is <paramref name="property"/> and, when given, whose specimen is one of
    /// <paramref name="specimens"/>: the codes a numeric threshold in one unit may be compared with.
    /// </summary>
    public IReadOnlyList<string> CodesFor(string property, params string[] specimens) =>
        [.. Codes.Where(c => c.Property == property && (specimens.Length == 0 || specimens.Contains(c.Specimen))).Select(c => c.Code)];
}
