namespace ClinicalAgent.Tools.Writes;

/// <summary>
/// Benchmark mode (<see cref="ApprovalMode.Record"/>): every proposal is kept, in order, and answered as accepted,
/// yet nothing reaches the record. A grader inspects <see cref="Recorded"/> as MedAgentBench inspects POST payloads,
/// and the store stays the same for the next task.
/// </summary>
public sealed class RecordingApprovalPolicy : IApprovalPolicy
{
    /// <summary>The <see cref="ApprovalDecision.ApprovedBy"/> of its decisions.</summary>
    public const string Recorder = "policy:record";

    private readonly Lock _gate = new();
    private readonly List<ProposedWrite> _recorded = [];

    /// <summary>The proposals so far, in the order the tools made them.</summary>
    public IReadOnlyList<ProposedWrite> Recorded
    {
        get
        {
            lock (_gate)
            {
                return [.. _recorded];
            }
        }
    }

    /// <inheritdoc/>
    public Task<ApprovalDecision> DecideAsync(ProposedWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        lock (_gate)
        {
            _recorded.Add(write);
        }

        // Not Approved: the executor must not write. Recorded: the model is told the order was accepted.
        return Task.FromResult(new ApprovalDecision(false, "Accepted.", Recorder, Recorded: true));
    }
}
