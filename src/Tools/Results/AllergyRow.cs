namespace ClinicalAgent.Tools.Results;

/// <summary>One allergy or intolerance.</summary>
internal sealed record AllergyRow(string Id, string? Code, string? Name, string? Status, string? Criticality, string? Reaction, string? Recorded);
