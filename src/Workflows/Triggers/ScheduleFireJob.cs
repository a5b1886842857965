using Quartz;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>The Quartz job of a workflow's schedule: hands the fire, with its scheduled time, to the trigger.</summary>
internal sealed class ScheduleFireJob(ScheduleTrigger owner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await owner.FireAsync(context.MergedJobDataMap.GetString("workflow")!, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, cancellationToken).ConfigureAwait(false);
}
