using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.TestKit;
using ClinicalAgent.Tools.Writes;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Tests.Engine;

/// <summary>A <c>fhir_write</c> step writes its resource with a Provenance in one transaction, attributed to who approved.</summary>
public sealed class WorkflowProvenanceTests
{
    private static async Task<List<Provenance>> ProvenancesAsync(WorkflowTestHost host, string target) =>
        [.. (await host.Fhir.SearchAsync("Provenance", SearchQuery.Parse($"target={target}"))).Entry.Select(e => e.Resource).OfType<Provenance>()];

    [Fact]
    public async Task Hypokalemia_ApprovedLocally_ProvenanceNamesApproverTriggerAndStep()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var lab = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var (created, _) = await host.Engine.StartAsync("hypokalemia", new StartRequest(Trigger: new JsonObject { ["kind"] = "fhir", ["type"] = "Observation", ["id"] = lab.Id }));
        await host.Engine.RunAsync(created.Id);
        var before = DateTimeOffset.UtcNow;

        await host.Engine.ApproveAsync(created.Id, "dr.house");
        var done = await host.Engine.RunAsync(created.Id);

        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        var order = (MedicationRequest)await host.Fhir.ReadAsync("MedicationRequest", done.Variables["order"]!["id"]!.GetValue<string>());
        Assert.Equal(("dr.house", null), (order.Requester.Display, order.Requester.Reference));
        Assert.Empty(order.Meta.Security);
        var provenance = Assert.Single(await ProvenancesAsync(host, $"MedicationRequest/{order.Id}"));
        var agent = Assert.Single(provenance.Agent);
        Assert.Equal(("verifier", "dr.house"), (agent.Type.Coding.Single().Code, agent.Who.Display));
        Assert.Equal($"Observation/{lab.Id}", Assert.Single(provenance.Entity).What.Reference);
        Assert.Equal("workflow hypokalemia, step order", provenance.Activity.Text);
        Assert.InRange(provenance.Recorded!.Value, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        var recheck = done.Variables["recheck"]!["reference"]!.GetValue<string>();
        Assert.Equal("workflow hypokalemia, step recheck", Assert.Single(await ProvenancesAsync(host, recheck)).Activity.Text);
        var message = (Communication)await host.Fhir.ReadAsync("Communication", done.Variables["tell"]!["id"]!.GetValue<string>());
        Assert.Equal("clinicalagent workflow hypokalemia", message.Sender.Display);
        var sent = Assert.Single(await ProvenancesAsync(host, $"Communication/{message.Id}"));
        Assert.Equal(("author", "clinicalagent workflow hypokalemia"), (sent.Agent.Single().Type.Coding.Single().Code, sent.Agent.Single().Who.Display));
        Assert.Equal(3, await host.CountAsync("Provenance"));
    }

    [Fact]
    public async Task AgentThenWrite_NoApproval_LabelledModelAuthorWorkflowAutomationAndCitations()
    {
        var client = new ScriptedChatClient(
            ScriptedChatClient.Call("get_patient", new Dictionary<string, object?> { ["patient_id"] = WorkflowTestHost.PatientId }),
            ScriptedChatClient.Answer($"Patient/{WorkflowTestHost.PatientId} needs a follow-up call."));
        using var host = new WorkflowTestHost(() => client, ("t", """
            name: t
            steps:
              - id: assess
                type: agent
                prompt: workflow-admission-summary
                tools: [get_patient]
              - id: flag
                type: fhir_write
                resource:
                  resourceType: Flag
                  status: active
                  code: { text: "{{ assess.text }}" }
                  subject: { reference: "Patient/{{ patient }}" }
            """));
        await host.AddPatientAsync();

        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId, Trigger: new() { ["kind"] = "manual" }));

        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        var flag = (Flag)await host.Fhir.ReadAsync("Flag", done.Variables["flag"]!["id"]!.GetValue<string>());
        Assert.Contains(flag.Meta.Security, c => c.System == AiTransparency.ObservationValueSystem && c.Code == "AIAST");
        Assert.Equal("clinicalagent workflow t", flag.Author.Display);
        var provenance = Assert.Single(await ProvenancesAsync(host, $"Flag/{flag.Id}"));
        Assert.Equal(["author", "assembler", "author"], provenance.Agent.Select(a => a.Type.Coding.Single().Code));
        Assert.Equal("unidentified language model", provenance.Agent[0].Who.Display);
        Assert.Equal("clinicalagent workflow t", provenance.Agent[2].Who.Display);
        Assert.Equal([$"Patient/{WorkflowTestHost.PatientId}"], provenance.Entity.Select(e => e.What.Reference));
    }

    [Fact]
    public async Task FhirWrite_StepReplayedAfterItsWrite_OneResourceOneProvenance()
    {
        using var host = WorkflowTestHost.With(("t", """
            name: t
            steps:
              - id: flag
                type: fhir_write
                resource:
                  resourceType: Flag
                  status: active
                  code: { text: "falls risk" }
                  subject: { reference: "Patient/{{ patient }}" }
            """));
        await host.AddPatientAsync();
        var done = await host.Engine.StartAndRunAsync("t", new StartRequest(WorkflowTestHost.PatientId, Trigger: new() { ["kind"] = "manual" }));
        var flag = (Flag)await host.Fhir.ReadAsync("Flag", done.Variables["flag"]!["id"]!.GetValue<string>());
        var key = flag.Identifier.Single(i => i.System == Idempotency.System).Value;
        var attribution = new WriteAttribution(null, WriteApprover.Workflow("t"), [], "workflow t, step flag", DateTimeOffset.UtcNow);

        // What a crash between the FHIR commit and the step's checkpoint replays: the same write under the same key.
        var replay = await AttributedWrite.WriteAsync(host.Fhir, new Flag { Status = Flag.FlagStatus.Active, Code = new CodeableConcept { Text = "falls risk" },
            Subject = new ResourceReference($"Patient/{WorkflowTestHost.PatientId}"), Identifier = [new Identifier(Idempotency.System, key)] }, key, attribution,
            WorkflowTestHost.PatientId, CancellationToken.None);

        Assert.Equal((Fhir.FhirWriteOutcome.Existing, flag.Id), (replay.Outcome, replay.Resource.Id));
        Assert.Equal(1, await host.CountAsync("Flag"));
        Assert.Single(await ProvenancesAsync(host, $"Flag/{flag.Id}"));
        Assert.Equal(1, await host.CountAsync("Provenance"));
    }
}
