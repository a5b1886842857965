namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>What to generate: how many patients, from which seed, around which "now".</summary>
/// <param name="Patients">How many patients to generate; each comes with its whole record.</param>
/// <param name="Seed">Seeds the generator's own PRNG: the same options always give byte-identical output.</param>
/// <param name="Now">
/// The fixed "now" of the data set (MedAgentBench uses 2023-11-13T10:15:00+00:00). Every date is derived from
/// it, never from the clock, and nothing is dated after it.
/// </param>
/// <param name="Style">How the records are shaped; <see cref="SyntheticStyle.Synthea"/> reshapes the same patients as real exports are.</param>
/// <param name="Images">
/// Whether one patient in four also gets images (chest radiographs, chest CT, skin photographs) with known findings;
/// false leaves every record exactly as it is with them, minus the imaging resources.
/// </param>
public sealed record SyntheticOptions(int Patients, int Seed, DateTimeOffset Now, SyntheticStyle Style = SyntheticStyle.Standard, bool Images = true);
