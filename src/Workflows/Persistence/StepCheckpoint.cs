using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>
/// Everything one finished (or blocked, or failed) step changes, committed as one SQLite transaction: the instance's
/// status, next step and variables, the journal lines, a pending approval, the write it made.
/// </summary>
public sealed record StepCheckpoint(string InstanceId, InstanceStatus Status, string? NextStep, JsonObject Variables, bool StepDone)
{
    public IReadOnlyList<(string? StepId, string Kind, JsonObject? Detail)> Journal { get; init; } = [];

    public string? Error { get; init; }

    /// <summary>An approval to request: the step and its message.</summary>
    public (string StepId, string Message)? Approval { get; init; }

    /// <summary>A FHIR write made by the step: its idempotency key and the resource it produced.</summary>
    public (string Key, string StepId, string Reference)? Write { get; init; }
}
