namespace ClinicalAgent.Tools.Results;

/// <summary>One lab result or vital sign.</summary>
internal sealed record ObservationRow(string? Date, string? Code, string? Name, string? Value, string? Unit, string? Interpretation, string Id);
