namespace ClinicalAgent.Tools.Writes;

/// <summary>An approval policy's answer to a <see cref="ProposedWrite"/>.</summary>
/// <param name="Approved">True when the write may go ahead now.</param>
/// <param name="Reason">Why, in words the model can pass on.</param>
/// <param name="ApprovedBy">Who or what approved it; null when not approved.</param>
/// <param name="PendingId">Set when the decision is deferred: the id a person approves or rejects later.</param>
/// <param name="Recorded">True when the write was accepted into a recording (benchmark mode) instead of the record.</param>
public sealed record ApprovalDecision(bool Approved, string Reason, string? ApprovedBy = null, string? PendingId = null, bool Recorded = false);
