namespace ClinicalAgent.Workflows.Persistence;

/// <summary>Where an instance stands. Running instances are resumed after a restart; the last three are final.</summary>
public enum InstanceStatus
{
    /// <summary>Has a step to run (also while a wait step sleeps).</summary>
    Running,

    /// <summary>Stopped at an approval step until someone approves or rejects.</summary>
    WaitingApproval,

    Completed,

    /// <summary>A step failed after its retries; the error is kept and the instance can be resumed.</summary>
    Failed,

    /// <summary>An approver said no.</summary>
    Rejected,
}
