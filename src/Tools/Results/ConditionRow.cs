namespace ClinicalAgent.Tools.Results;

/// <summary>One problem or diagnosis.</summary>
internal sealed record ConditionRow(string Id, string? Code, string? Name, string? Status, string? Onset, string? Abated, string? Recorded);
