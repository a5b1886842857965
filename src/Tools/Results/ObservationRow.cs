namespace ClinicalAgent.Tools.Results;

/// <summary>One lab result or vital sign; <see cref="Status"/> only when not final (preliminary, amended, entered-in-error …).</summary>
internal sealed record ObservationRow(
    string? Date, string? Code, string? Name, string? Value, string? Unit, string? Interpretation, string? Status, string Id);
