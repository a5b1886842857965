using Quartz;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>
/// Our part of the misfire policy, apart from Quartz so a test can drive it with a fake clock: at start, a stored
/// trigger whose cron is unchanged is kept (replacing it would reset its next fire time, and a fire missed while no
/// node ran would be lost instead of replayed once by <see cref="CronTriggerMisfireInstruction.FireAndProceed"/>).
/// </summary>
internal static class ScheduleDecision
{
    public static ScheduleStartAction Decide(string cron, string? storedCron, DateTimeOffset now) =>
        storedCron == cron ? ScheduleStartAction.Keep
        : new CronExpression(cron).GetNextValidTimeAfter(now) is null ? ScheduleStartAction.Skip
        : ScheduleStartAction.Schedule;
}
