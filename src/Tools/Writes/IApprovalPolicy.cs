namespace ClinicalAgent.Tools.Writes;

/// <summary>Decides whether a write the model proposes may reach the record; every write tool asks it first.</summary>
public interface IApprovalPolicy
{
    /// <summary>Approves, denies, or (with <see cref="ApprovalDecision.PendingId"/>) defers <paramref name="write"/>.</summary>
    Task<ApprovalDecision> DecideAsync(ProposedWrite write, CancellationToken cancellationToken);
}
