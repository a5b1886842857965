namespace ClinicalAgent.Tools.Results;

/// <summary>One procedure performed.</summary>
internal sealed record ProcedureRow(string Id, string? Code, string? Name, string? Status, string? Date);
