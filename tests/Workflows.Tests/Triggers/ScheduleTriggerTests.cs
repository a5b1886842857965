using System.Threading.Channels;
using ClinicalAgent.Workflows.Triggers;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Workflows.Tests.Triggers;

public sealed class ScheduleTriggerTests
{
    private static async Task AddDiabetesAsync(WorkflowTestHost host, string patient)
    {
        await host.AddPatientAsync(patient);
        await host.Fhir.CreateAsync(new Condition
        {
            Code = new CodeableConcept("http://snomed.info/sct", "44054006"),
            Subject = new ResourceReference($"Patient/{patient}"),
        });
    }

    [Fact]
    public async Task Fire_SweepTwiceForSameTime_StartsOnePerPatientOnce()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("stale-hba1c"));
        await AddDiabetesAsync(host, "S0000001");
        await AddDiabetesAsync(host, "S0000002");
        await host.AddPatientAsync("S0000003");
        var trigger = new ScheduleTrigger(host.Engine);
        var at = new DateTimeOffset(2026, 1, 2, 6, 0, 0, TimeSpan.Zero);

        var first = await trigger.FireAsync("stale-hba1c", at);
        var second = await trigger.FireAsync("stale-hba1c", at);
        var results = await host.Engine.ResumeAllAsync();

        Assert.Equal(2, first.Count);
        Assert.Empty(second);
        Assert.Equal(["S0000001", "S0000002"], results.Select(r => r.PatientId).Order());
        Assert.Equal(2, await host.CountAsync("ServiceRequest"));
        Assert.Equal(2, await host.CountAsync("Flag"));
    }

    // The one real-time test. Tried with Quartz 4.7.3's UseTimeProvider and a FakeTimeProvider: a cron trigger
    // starting on the fake clock was refused as one that "will never fire", and an every-second cron never fired
    // however the fake clock moved, so its cron triggers follow the system clock while the scheduler's wait reads the
    // given one. This test therefore waits for the fires themselves (about two seconds), never for a fixed time; the
    // decisions that are ours (ScheduleDecision) are tested on a fake clock below.
    [Fact]
    public async Task Start_EverySecondCron_FiresOncePerWholeSecond()
    {
        using var host = WorkflowTestHost.With(("tick", """
            name: tick
            trigger:
              schedule: "* * * * * ?"
            steps:
              - id: a
                type: wait
                delay: 1ms
            """));
        var fired = Channel.CreateUnbounded<string>();
        await using (var trigger = new ScheduleTrigger(host.Engine, id => fired.Writer.TryWrite(id)))
        {
            await trigger.StartAsync();
            for (var i = 0; i < 2; i++)
            {
                // The timeout only turns a missing fire into a failure instead of a hang; it measures nothing.
                await fired.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        // Disposing waits for fires in progress, so every fire begun is stored. Two fires may run at once (the pool
        // has two threads) and report in either order, so the check is on all of them: one instance per whole
        // second, no second skipped between the first fire and the last, none repeated.
        var instances = await host.Store.ListAsync();
        var times = instances
            .Select(i => DateTimeOffset.Parse(i.TriggerKey!["schedule:".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Order().ToList();
        Assert.True(times.Count >= 2, $"{times.Count} fire(s) stored");
        Assert.All(times, t => Assert.Equal(0, t.Millisecond));
        Assert.Equal(Enumerable.Range(0, times.Count).Select(k => times[0].AddSeconds(k)), times);
    }

    [Fact]
    public void Decide_OneOffCron_SchedulesUntilTheClockReachesItThenSkips()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 5, 59, 59, TimeSpan.Zero));
        const string once = "0 0 6 2 1 ? 2026";

        var before = ScheduleDecision.Decide(once, null, time.GetUtcNow());
        time.Advance(TimeSpan.FromSeconds(1));
        var at = ScheduleDecision.Decide(once, null, time.GetUtcNow());

        Assert.Equal(ScheduleStartAction.Schedule, before);
        Assert.Equal(ScheduleStartAction.Skip, at);
    }

    [Fact]
    public void Decide_StoredTriggerAfterMissedFires_KeptWhileItsCronIsUnchanged()
    {
        // Nodes down for three days across a daily sweep: the stored trigger still points at the first missed fire,
        // which Quartz replays once (fire and proceed); replacing it would skip that replay.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 5, 0, 0, TimeSpan.Zero));
        time.Advance(TimeSpan.FromDays(3));

        var unchanged = ScheduleDecision.Decide("0 0 6 * * ?", "0 0 6 * * ?", time.GetUtcNow());
        var changed = ScheduleDecision.Decide("0 0 7 * * ?", "0 0 6 * * ?", time.GetUtcNow());
        var passedOneOff = ScheduleDecision.Decide("0 0 6 2 1 ? 2026", "0 0 6 2 1 ? 2026", time.GetUtcNow());

        Assert.Equal(ScheduleStartAction.Keep, unchanged);
        Assert.Equal(ScheduleStartAction.Schedule, changed);
        Assert.Equal(ScheduleStartAction.Keep, passedOneOff);
    }
}
