using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>
/// One line of an instance's journal: a step starting or ending, a retry, an approval with who and when. Details hold
/// ids, counts and the agent's trace (sizes and tool names, never record text).
/// </summary>
public sealed record JournalEntry(long Sequence, string InstanceId, DateTimeOffset At, string? StepId, string Kind, JsonObject? Detail);
