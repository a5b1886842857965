namespace ClinicalAgent.Tools.Results;

/// <summary>One visit or admission.</summary>
internal sealed record EncounterRow(string Id, string? Class, string? Type, string? Status, string? Start, string? End);
