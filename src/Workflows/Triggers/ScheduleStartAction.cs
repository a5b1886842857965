namespace ClinicalAgent.Workflows.Triggers;

/// <summary>What starting the scheduler does with one workflow's cron (<see cref="ScheduleDecision"/>).</summary>
internal enum ScheduleStartAction
{
    /// <summary>The stored trigger has the same cron: left as it is, so its next fire time still tells Quartz what was missed.</summary>
    Keep,

    /// <summary>A one-off cron whose time has passed: nothing to schedule (its fire, if any, was handled).</summary>
    Skip,

    /// <summary>New or changed cron: stored, replacing the old trigger.</summary>
    Schedule,
}
