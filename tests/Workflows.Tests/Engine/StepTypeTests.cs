using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Workflows.Tests.Engine;

public sealed class StepTypeTests
{
    private static (string, string) Flow(string steps, string extra = "") => ("t", $"name: t\n{extra}steps:\n{steps}");

    [Fact]
    public async Task FhirQuery_LatestLab_StoresCountValueAndPatient()
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: k
                type: fhir_query
                query: "Observation?patient={{ patient }}&code=http://loinc.org|2823-3&_sort=-date"
            """));
        await host.AddPatientAsync();
        var lab = await host.AddLabAsync("2823-3", 3.3m, "mmol/L");

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId));

        var k = done.Variables["k"]!;
        Assert.Equal(1, k["count"]!.GetValue<int>());
        Assert.Equal(3.3, k["value"]!.GetValue<double>());
        Assert.Equal(WorkflowTestHost.PatientId, k["patient"]!.GetValue<string>());
        Assert.Equal(lab.Id, k["ids"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("2", "big")]
    [InlineData("1", "small")]
    public async Task Condition_ChoosesBranch_FromInput(string size, string expected)
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: check
                type: condition
                if: input.size > 1
                then: big
                else: small
              - id: big
                type: wait
                delay: 1ms
                next: end
              - id: small
                type: wait
                delay: 1ms
            """, "inputs: [size]\n"));

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(Inputs: new Dictionary<string, string> { ["size"] = size }));

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.True(done.Variables.ContainsKey(expected));
        Assert.Equal(2, done.StepsDone);
    }

    [Fact]
    public async Task FhirWrite_ReplayedAfterLostCheckpoint_FindsTheFirstWrite()
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: note
                type: fhir_write
                resource:
                  resourceType: Flag
                  status: active
                  code: { text: "check" }
                  subject: { reference: "Patient/{{ patient }}" }
            """));
        await host.AddPatientAsync();
        var (instance, _) = await host.Engine.StartAsync("t", new StartRequest(WorkflowTestHost.PatientId));
        var first = await host.Engine.RunAsync(instance.Id);
        // As if the process died after the FHIR write but before its checkpoint: the instance is back at the step.
        await host.Store.CheckpointAsync(new StepCheckpoint(instance.Id, InstanceStatus.Running, "note", instance.Variables, false));

        var replay = await host.Engine.RunAsync(instance.Id);

        Assert.Equal(InstanceStatus.Completed, replay.Status);
        Assert.False(first.Variables["note"]!["existing"]!.GetValue<bool>());
        Assert.True(replay.Variables["note"]!["existing"]!.GetValue<bool>());
        Assert.Equal(first.Variables["note"]!["id"]!.GetValue<string>(), replay.Variables["note"]!["id"]!.GetValue<string>());
        Assert.Equal(1, await host.CountAsync("Flag"));
    }

    [Fact]
    public async Task Notify_Flag_WritesFlagForPatient()
    {
        using var host = WorkflowTestHost.With(Flow("""
              - id: tell
                type: notify
                channel: flag
                message: "Recheck due"
            """));
        await host.AddPatientAsync();

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId));

        var flag = (Flag)await host.Fhir.ReadAsync("Flag", done.Variables["tell"]!["id"]!.GetValue<string>());
        Assert.Equal("Recheck due", flag.Code.Text);
        Assert.Equal($"Patient/{WorkflowTestHost.PatientId}", flag.Subject.Reference);
    }

    [Fact]
    public async Task Notify_WebhookFailsOnce_RetriesAndPostsWithIdempotencyKey()
    {
        await using var receiver = await LoopbackReceiver.StartAsync();
        receiver.Statuses.Enqueue(503);
        using var host = WorkflowTestHost.With(Flow($$$"""
              - id: hook
                type: notify
                channel: webhook
                url: "{{{receiver.Url}}}"
                message: "instance {{ instance.id }}"
                retry: { max: 3, backoff: 10ms }
            """));

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest());

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(2, receiver.Received.Count);
        Assert.All(receiver.Received, r => Assert.Contains(done.Id, r.Body, StringComparison.Ordinal));
        Assert.Single(receiver.Received.Select(r => r.IdempotencyKey).Distinct());
        Assert.Single(await host.Store.JournalAsync(done.Id), j => j.Kind == "retry");
    }

    /// <summary>
    /// On a fake clock: the instance sleeps until the clock passes its wake time, whatever the real time. The clock
    /// moves only once the step has armed its timer, so the test does not race the step reading the clock.
    /// </summary>
    [Fact]
    public async Task Wait_Delay_SleepsUntilTheClockPassesTheWakeTime()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var time = new TimerCountingTimeProvider(start);
        using var host = new WorkflowTestHost(null, time, Flow("""
              - id: pause
                type: wait
                delay: 5m
            """));

        var run = host.Engine.StartAndRunAsync("t", new StartRequest());
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        for (var minute = 1; minute < 5; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await Task.Yield();
            Assert.False(run.IsCompleted, $"woke after {minute} of 5 minutes");
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var done = await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.Equal(1, time.TimersArmed);
        Assert.Equal(start.AddMinutes(5), DateTimeOffset.Parse(done.Variables["pause"]!["woke_at"]!.GetValue<string>()));
        Assert.Single(await host.Store.JournalAsync(done.Id), j => j.Kind == "sleeping");
    }

    [Fact]
    public async Task Agent_StructuredOutput_StoresFieldsAndTrace()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("get_patient", new Dictionary<string, object?> { ["patient_id"] = WorkflowTestHost.PatientId }),
            ScriptedChatClient.Answer("""{"risk": "high", "reason": "Patient/S0000001 is old"}"""));
        using var host = new WorkflowTestHost(() => client, Flow("""
              - id: assess
                type: agent
                prompt: workflow-admission-summary
                tools: [get_patient]
                output: [risk, reason]
            """));
        await host.AddPatientAsync();

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId, Trigger: new() { ["kind"] = "manual", ["id"] = "e1" }));

        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        Assert.Equal("high", done.Variables["assess"]!["risk"]!.GetValue<string>());
        var completed = Assert.Single(await host.Store.JournalAsync(done.Id), j => j.Kind == "step_completed");
        Assert.Contains("get_patient", completed.Detail!["trace"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_AnswerWithoutFields_RetriesThenFailsVisibly()
    {
        var client = new ScriptedChatClient(ScriptedChatClient.Answer("no json here"), ScriptedChatClient.Answer("still none"));
        using var host = new WorkflowTestHost(() => client, Flow("""
              - id: assess
                type: agent
                prompt: workflow-admission-summary
                output: [risk]
                retry: { max: 2, backoff: 1ms }
            """));

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(Trigger: new() { ["kind"] = "manual", ["id"] = "e1" }));

        Assert.Equal(InstanceStatus.Failed, done.Status);
        Assert.Equal("assess", done.CurrentStep);
        Assert.Contains("not a JSON object with risk", done.Error, StringComparison.Ordinal);
        Assert.Equal(2, client.Requests.Count);
    }
}
