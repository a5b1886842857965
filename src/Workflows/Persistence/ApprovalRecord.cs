namespace ClinicalAgent.Workflows.Persistence;

/// <summary>An approval step's request and, once made, its decision.</summary>
public sealed record ApprovalRecord(string InstanceId, string StepId, string Status, string? Message, DateTimeOffset Requested,
    DateTimeOffset? Decided, string? DecidedBy, string? Reason);
