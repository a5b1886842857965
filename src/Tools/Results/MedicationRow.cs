namespace ClinicalAgent.Tools.Results;

/// <summary>
/// One medication order: the product (resolved through a referenced or contained Medication), the structured dose,
/// route and frequency, and the free-text instruction as written.
/// </summary>
internal sealed record MedicationRow(
    string Id, string? Code, string? Name, string? Status, string? Ordered, string? Dose, string? Route, string? Frequency, string? Dosage);
