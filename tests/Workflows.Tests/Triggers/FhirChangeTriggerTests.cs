using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Tests.Engine;
using ClinicalAgent.Workflows.Triggers;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Tests.Triggers;

public sealed class FhirChangeTriggerTests
{
    [Fact]
    public async Task Poll_MatchingCreate_StartsExactlyOneInstanceAcrossRestarts()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var old = await host.AddLabAsync("2823-3", 2.9m, "mmol/L");
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        var initial = await trigger.PollAsync();
        var lab = await host.AddLabAsync("2823-3", 3.2m, "mmol/L");
        await host.AddLabAsync("2951-2", 130m, "mmol/L");

        var first = await trigger.PollAsync();
        var second = await trigger.PollAsync();
        host.Restart();
        var afterRestart = await new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir).PollAsync();

        Assert.Equal(0, initial);
        Assert.Equal(1, first);
        Assert.Equal(0, second);
        Assert.Equal(0, afterRestart);
        var instance = Assert.Single(await host.Store.ListAsync());
        Assert.Equal(lab.Id, instance.Variables["trigger"]!["id"]!.GetValue<string>());
        Assert.Equal(WorkflowTestHost.PatientId, instance.PatientId);
        Assert.NotEqual(old.Id, instance.Variables["trigger"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Poll_ManyChangesAtOnce_StartsOneInstanceForEachPotassiumLabOnly()
    {
        // More changes than one match search asks about and than a default page holds: the matches are found in chunks.
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        var low = new List<string>();
        for (var i = 0; i < 130; i++)
        {
            var lab = i % 2 == 0 ? await host.AddLabAsync("2823-3", 3.1m, "mmol/L") : await host.AddLabAsync("2951-2", 139m, "mmol/L");
            if (i % 2 == 0)
                low.Add(lab.Id);
        }

        var started = await trigger.PollAsync();

        Assert.Equal(65, started);
        var triggered = (await host.Store.ListAsync(limit: 1000)).Select(i => i.Variables["trigger"]!["id"]!.GetValue<string>());
        Assert.Equal(low.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(500)]
    public async Task Poll_MatchesStartedInChunks_EachOnceAndCursorPastTheLastChange(int startChunk)
    {
        // Five potassium labs then a sodium lab: the starts go in chunks of two (three commits) or all in one, and the
        // cursor moves past the sodium lab with the last chunk, so a restart reads nothing again.
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir) { StartChunk = startChunk };
        await trigger.PollAsync();
        var low = new List<string>();
        for (var i = 0; i < 5; i++)
            low.Add((await host.AddLabAsync("2823-3", 3.1m, "mmol/L")).Id);
        await host.AddLabAsync("2951-2", 139m, "mmol/L");
        var latest = await host.Fhir.LatestChangeSequenceAsync(["Observation"]);

        var started = await trigger.PollAsync();
        host.Restart();
        var afterRestart = await new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir).PollAsync();

        Assert.Equal(5, started);
        Assert.Equal(0, afterRestart);
        Assert.Equal(latest, await host.Store.GetCursorAsync(FhirChangeTrigger.CursorName("hypokalemia")));
        var triggered = (await host.Store.ListAsync()).Select(i => i.Variables["trigger"]!["id"]!.GetValue<string>());
        Assert.Equal(low.Order(StringComparer.Ordinal), triggered.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Poll_PatientTakenFromTheMatch_VariablesEqualTheEnginesOwnLookup(bool withSubject)
    {
        // The trigger takes the patient from the resource its match search returned; the engine, given none, reads
        // the resource again. Both must give an instance the same trigger and patient variables.
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        var lab = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        if (!withSubject)
        {
            lab.Subject = null;
            lab = (Observation)(await host.Fhir.UpdateAsync(lab)).Resource;
        }

        await trigger.PollAsync();
        var fired = (await host.Store.ListAsync()).Single(i => i.Variables["trigger"]!["kind"]!.GetValue<string>() == "fhir");
        var byEngine = new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "fhir",
            ["event"] = fired.Variables["trigger"]!["event"]!.GetValue<string>(),
            ["type"] = "Observation",
            ["id"] = lab.Id,
            ["version"] = fired.Variables["trigger"]!["version"]!.GetValue<long>(),
            ["reference"] = $"Observation/{lab.Id}",
        };
        var (looked, _) = await host.Engine.StartAsync("hypokalemia", new StartRequest(Trigger: byEngine, TriggerKey: "by-engine"));

        Assert.Equal(withSubject ? WorkflowTestHost.PatientId : null, fired.PatientId);
        Assert.Equal(looked.PatientId, fired.PatientId);
        Assert.Equal(looked.Variables["patient"]?.ToJsonString(), fired.Variables["patient"]?.ToJsonString());
        Assert.Equal(looked.Variables["trigger"]!["patient"]?.ToJsonString(), fired.Variables["trigger"]!["patient"]?.ToJsonString());
    }

    [Fact]
    public async Task Poll_UpdateOfCreatedOnlyTrigger_StartsNothing()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        var lab = await host.AddLabAsync("2823-3", 3.2m, "mmol/L");
        await trigger.PollAsync();
        lab.Status = ObservationStatus.Amended;

        await host.Fhir.UpdateAsync(lab);
        var started = await trigger.PollAsync();

        Assert.Equal(0, started);
        Assert.Single(await host.Store.ListAsync());
    }

    [Fact]
    public async Task Poll_CursorLostAfterCreate_DoesNotStartTwice()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var trigger = new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir);
        await trigger.PollAsync();
        var before = (await host.Store.GetCursorAsync(FhirChangeTrigger.CursorName("hypokalemia")))!.Value;
        await host.AddLabAsync("2823-3", 3.2m, "mmol/L");
        await trigger.PollAsync();

        // As if a crash had lost the cursor move: the same change is read again.
        host.Restart();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.Store.Location}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE cursors SET position = {before}";
            command.ExecuteNonQuery();
        }

        var again = await new FhirChangeTrigger(host.Engine, host.Fhir, host.Fhir).PollAsync();

        Assert.Equal(0, again);
        Assert.Single(await host.Store.ListAsync());
    }

    [Fact]
    public async Task Run_WriteInAnotherProcess_StartsOnlyWhenTheIntervalPasses()
    {
        // A feed that raises no Changed event, as for another process's writes: only the interval's timer wakes the loop.
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        await using var loop = await RunningLoop.StartAsync(host, new OtherProcessFeed(host.Fhir), TimeSpan.FromSeconds(5));

        var lab = await host.AddLabAsync("2823-3", 3.0m, "mmol/L");
        var beforeInterval = await host.Store.ListAsync();
        loop.Time.Advance(TimeSpan.FromSeconds(5));
        var instanceId = await loop.NextStartedAsync();

        Assert.Empty(beforeInterval);
        var instance = Assert.Single(await host.Store.ListAsync());
        Assert.Equal(instanceId, instance.Id);
        Assert.Equal(lab.Id, instance.Variables["trigger"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_WriteInThisProcess_StartsWithoutTheClockMoving()
    {
        // The clock never moves: only the store's Changed event can wake the loop within the hour's interval.
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        await using var loop = await RunningLoop.StartAsync(host, host.Fhir, TimeSpan.FromHours(1));

        var lab = await host.AddLabAsync("2823-3", 3.0m, "mmol/L");
        var instanceId = await loop.NextStartedAsync();

        var instance = Assert.Single(await host.Store.ListAsync());
        Assert.Equal(instanceId, instance.Id);
        Assert.Equal(lab.Id, instance.Variables["trigger"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Host_WriteInAnotherProcess_RunsInstanceUntilApprovalAtTheNextPoll()
    {
        var time = new TimerCountingTimeProvider(DateTimeOffset.UtcNow);
        using var host = new WorkflowTestHost(null, time, SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var options = new WorkflowEngineOptions { PollInterval = TimeSpan.FromSeconds(5) };
        await using var workflows = new WorkflowHost(host.Engine, options, host.Fhir, new OtherProcessFeed(host.Fhir));
        var finished = FirstFinished(workflows.Dispatcher);
        await workflows.StartAsync();
        await time.WaitForTimersAsync(1, Bound);

        await host.AddLabAsync("2823-3", 3.0m, "mmol/L");
        var beforeInterval = await host.Store.ListAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        var instanceId = await finished.WaitAsync(Bound);

        Assert.Empty(beforeInterval);
        var waiting = Assert.Single(await host.Store.ListAsync(InstanceStatus.WaitingApproval));
        Assert.Equal(instanceId, waiting.Id);
        Assert.Equal("approve", waiting.CurrentStep);
    }

    [Fact]
    public async Task Host_WriteInThisProcess_FiresWithoutWaitingForThePoll()
    {
        var time = new TimerCountingTimeProvider(DateTimeOffset.UtcNow);
        using var host = new WorkflowTestHost(null, time, SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        await using var workflows = new WorkflowHost(host.Engine, new WorkflowEngineOptions { PollInterval = TimeSpan.FromHours(1) }, host.Fhir, host.Fhir);
        var finished = FirstFinished(workflows.Dispatcher);
        await workflows.StartAsync();

        await host.AddLabAsync("2823-3", 3.0m, "mmol/L");
        var instanceId = await finished.WaitAsync(Bound);

        var waiting = Assert.Single(await host.Store.ListAsync(InstanceStatus.WaitingApproval));
        Assert.Equal(instanceId, waiting.Id);
        Assert.Equal("approve", waiting.CurrentStep);
    }

    /// <summary>Bounds a wait that only a broken trigger would reach (real time; the tests never wait for the clock).</summary>
    internal static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    /// <summary>The id of the first instance whose run returns, subscribed before anything can run.</summary>
    private static Task<string> FirstFinished(WorkflowDispatcher dispatcher)
    {
        var first = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Finished += id => first.TrySetResult(id);
        return first.Task;
    }
}
