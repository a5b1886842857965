using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Workflows.Tests.Engine;

public sealed class DurabilityTests
{
    private const string FiveSteps = """
        name: five
        steps:
          - id: a
            type: condition
            if: "true"
          - id: b
            type: wait
            delay: 1ms
          - id: c
            type: condition
            if: 1 < 2
          - id: d
            type: fhir_write
            resource:
              resourceType: Flag
              status: active
              code: { text: "{{ instance.id }}" }
              subject: { reference: "Patient/{{ patient }}" }
          - id: e
            type: wait
            delay: 1ms
        """;

    [Fact]
    public async Task FailingStep_AfterRetries_FailsWithErrorAndResumesOnceFixed()
    {
        using var host = WorkflowTestHost.With(("five", FiveSteps));
        var (instance, _) = await host.Engine.StartAsync("five", new StartRequest("S0000001"));

        // No patient yet: the Flag's reference dangles, the store refuses it on every attempt.
        var failed = await host.Engine.RunAsync(instance.Id);
        await host.AddPatientAsync();
        var revived = await host.Engine.ReviveAsync(instance.Id);
        var done = await host.Engine.RunAsync(instance.Id);

        Assert.Equal(InstanceStatus.Failed, failed.Status);
        Assert.Equal("d", failed.CurrentStep);
        Assert.Contains("Step 'd' failed after 3 attempt(s)", failed.Error, StringComparison.Ordinal);
        var journal = await host.Store.JournalAsync(instance.Id);
        Assert.Equal(2, journal.Count(j => j.Kind == "retry" && j.StepId == "d"));
        Assert.True(revived);
        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(5, done.StepsDone);
        Assert.Equal(1, await host.CountAsync("Flag"));
    }

    [Fact]
    public async Task ManyInstances_RunConcurrently_EachWritesExactlyOnce()
    {
        using var host = WorkflowTestHost.With(("five", FiveSteps));
        await host.AddPatientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await host.Engine.StartAsync("five", new StartRequest(WorkflowTestHost.PatientId))).Instance.Id);
        }

        var results = await host.Engine.ResumeAllAsync();

        Assert.Equal(40, results.Count);
        Assert.All(results, r => Assert.Equal(InstanceStatus.Completed, r.Status));
        Assert.Equal(40, await host.CountAsync("Flag", "_count=100"));
        Assert.Equal(40, await host.Store.CountAsync(InstanceStatus.Completed));
    }

    [Fact]
    public async Task Start_SameTriggerKeyTwice_CreatesOneInstance()
    {
        using var host = WorkflowTestHost.With(("five", FiveSteps));

        var first = await host.Engine.StartAsync("five", new StartRequest(TriggerKey: "event-1"));
        var second = await host.Engine.StartAsync("five", new StartRequest(TriggerKey: "event-1"));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Instance.Id, second.Instance.Id);
    }

    [Fact]
    public async Task Run_InstanceClaimedByLiveRunner_IsLeftAlone()
    {
        using var host = WorkflowTestHost.With(("five", FiveSteps));
        var (instance, _) = await host.Engine.StartAsync("five", new StartRequest(WorkflowTestHost.PatientId));
        await host.Store.TryClaimAsync(instance.Id, "elsewhere:1:x", TimeSpan.FromMinutes(5));

        var result = await host.Engine.RunAsync(instance.Id);

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal(0, result.StepsDone);
    }

    [Fact]
    public async Task Start_UnknownInput_IsRefused()
    {
        using var host = WorkflowTestHost.With(("five", FiveSteps));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => host.Engine.StartAsync("five", new StartRequest(Inputs: new Dictionary<string, string> { ["dose"] = "1" })));

        Assert.Contains("has no input 'dose'", ex.Message, StringComparison.Ordinal);
    }
}
