namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// A chronic problem: its SNOMED code, the lower-case term notes use ("type 2 diabetes"), how common it is
/// (linear from age 18 to age 95), what it is treated with, and the chance it is resolved by now.
/// </summary>
internal sealed record ConditionDefinition(
    string Snomed, string Display, string Term, double PrevalenceAt18, double PrevalenceAt95,
    IReadOnlyList<MedicationDefinition> Medications, double ResolveChance = 0)
{
    public double PrevalenceAt(int age) => PrevalenceAt18 + (PrevalenceAt95 - PrevalenceAt18) * (age - 18) / 77.0;
}
