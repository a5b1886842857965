namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// One laboratory test: its LOINC code, UCUM unit, reference range and reporting precision; FemaleLow and
/// FemaleHigh where women have their own range (hemoglobin, hematocrit).
/// </summary>
internal sealed record LabDefinition(
    string Loinc, string Display, string ShortName, string Unit, decimal Low, decimal High, int Decimals,
    decimal? FemaleLow = null, decimal? FemaleHigh = null)
{
    public (decimal Low, decimal High) RangeFor(bool female) =>
        female && FemaleLow is { } low && FemaleHigh is { } high ? (low, high) : (Low, High);
}
