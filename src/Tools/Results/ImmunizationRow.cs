namespace ClinicalAgent.Tools.Results;

/// <summary>One vaccine given.</summary>
internal sealed record ImmunizationRow(string Id, string? Code, string? Name, string? Status, string? Date);
