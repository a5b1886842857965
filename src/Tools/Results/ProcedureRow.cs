namespace ClinicalAgent.Tools.Results;

/// <summary>One procedure performed.</summary>
public sealed record ProcedureRow(string Id, string? Code, string? Name, string? Status, string? Date);
