namespace ClinicalAgent.Tools.Results;

/// <summary>One clinical document (note, report); read its text with read_document.</summary>
internal sealed record DocumentRow(string Id, string? Date, string? Type, string? Title);
