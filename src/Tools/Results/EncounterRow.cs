namespace ClinicalAgent.Tools.Results;

/// <summary>One visit or admission.</summary>
public sealed record EncounterRow(string Id, string? Class, string? Type, string? Status, string? Start, string? End);
