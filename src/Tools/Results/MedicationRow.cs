namespace ClinicalAgent.Tools.Results;

/// <summary>One medication order.</summary>
internal sealed record MedicationRow(string Id, string? Code, string? Name, string? Status, string? Ordered, string? Dosage);
