namespace ClinicalAgent.Tools.Writes;

/// <summary>Refuses every write: the tools only show what they would have written.</summary>
internal sealed class DenyAllPolicy : IApprovalPolicy
{
    /// <inheritdoc/>
    public Task<ApprovalDecision> DecideAsync(ProposedWrite write, CancellationToken cancellationToken) =>
        Task.FromResult(new ApprovalDecision(false, "Writes are disabled (WriteApproval is Deny); nothing was written."));
}
