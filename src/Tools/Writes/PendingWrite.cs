namespace ClinicalAgent.Tools.Writes;

/// <summary>A proposed write waiting in a <see cref="QueuedApprovalPolicy"/> for a person's decision.</summary>
/// <param name="Id">The id to approve or reject it by.</param>
/// <param name="Write">What would be written.</param>
/// <param name="ProposedAt">When the tool proposed it (wall clock).</param>
public sealed record PendingWrite(string Id, ProposedWrite Write, DateTimeOffset ProposedAt);
