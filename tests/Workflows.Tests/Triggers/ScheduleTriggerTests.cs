using ClinicalAgent.Workflows.Triggers;
using Hl7.Fhir.Model;

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

    [Fact]
    public async Task Start_EverySecondCron_FiresOncePerSecond()
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
        var started = new System.Collections.Concurrent.ConcurrentBag<string>();
        await using (var trigger = new ScheduleTrigger(host.Engine, started.Add))
        {
            await trigger.StartAsync();
            await Task.Delay(2600);
        }

        var instances = await host.Store.ListAsync();

        Assert.InRange(instances.Count, 2, 4);
        Assert.Equal(instances.Count, started.Count);
        Assert.Equal(instances.Count, instances.Select(i => i.TriggerKey).Distinct().Count());
    }
}
