using Quartz;
using Quartz.Extensibility;

namespace ClinicalAgent.Workflows.Triggers;

/// <summary>Makes the schedule's jobs with their trigger, which Quartz's default factory cannot pass in.</summary>
internal sealed class ScheduleJobFactory(ScheduleTrigger owner) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new JobScope(new ScheduleFireJob(owner), null));

    public ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
