namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// A prescribable product (RxNorm clinical drug) and its usual sig. TimesPerDay is the most often a day (for
/// as-needed drugs, the shortest interval); Inhaled means puffs by inhalation rather than tablets by mouth.
/// </summary>
internal sealed record MedicationDefinition(
    string RxNorm, string Display, string ShortName, string Sig, int TimesPerDay, decimal Dose, bool Inhaled = false, bool AsNeeded = false);
