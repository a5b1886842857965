namespace ClinicalAgent.Tools.Writes;

/// <summary>What happens to a record write the model proposes.</summary>
public enum ApprovalMode
{
    /// <summary>Nothing is written; the tool returns the proposal. The default: writes are opt-in.</summary>
    Deny,

    /// <summary>The proposal waits in a queue until a person approves or rejects it.</summary>
    Ask,

    /// <summary>Writes go straight to the record (benchmarks, trusted automation).</summary>
    Allow,

    /// <summary>
    /// Benchmarks: the proposal is recorded (<see cref="RecordingApprovalPolicy"/>) and reported to the model as
    /// accepted, but the record is not changed, so a grader can inspect what would have been written.
    /// </summary>
    Record,
}
