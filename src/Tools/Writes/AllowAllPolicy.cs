namespace ClinicalAgent.Tools.Writes;

/// <summary>Approves every write; for benchmarks and hosts that vet writes some other way.</summary>
internal sealed class AllowAllPolicy : IApprovalPolicy
{
    /// <summary>The <see cref="ApprovalDecision.ApprovedBy"/> of its decisions.</summary>
    public const string Approver = "policy:allow-all";

    /// <inheritdoc/>
    public Task<ApprovalDecision> DecideAsync(ProposedWrite write, CancellationToken cancellationToken) =>
        Task.FromResult(new ApprovalDecision(true, "Writes are allowed (WriteApproval is Allow).", Approver));
}
