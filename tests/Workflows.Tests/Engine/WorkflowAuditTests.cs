using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Workflows.Engine;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Tests.Engine;

public sealed class WorkflowAuditTests
{
    [Fact]
    public async Task StartAsync_FromAFhirEvent_RecordsTheStartWithInstancePatientAndTrigger()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var potassium = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");

        var (created, _) = await host.Engine.StartAsync("hypokalemia", FhirEvent(potassium));
        var audit = Assert.Single(await host.AuditEventsAsync());

        Assert.Equal((AuditCodes.System, AuditCodes.WorkflowStart), (audit.Type.System, audit.Type.Code));
        Assert.Equal("start", audit.Subtype[0].Code);
        Assert.Equal(AuditEvent.AuditEventAction.E, audit.Action);
        Assert.Equal("fhir", audit.OutcomeDesc);
        Assert.Equal($"Patient/{WorkflowTestHost.PatientId}", audit.Entity.Single(e => e.Role.Code == "1").What.Reference);
        Assert.Equal($"Observation/{potassium.Id}", audit.Entity.Single(e => e.Role.Code == "4").What.Reference);
        var job = audit.Entity.Single(e => e.Role.Code == "20");
        Assert.Equal((AuditCodes.WorkflowInstanceIdentifierSystem, created.Id), (job.What.Identifier.System, job.What.Identifier.Value));
        Assert.Equal("hypokalemia", job.Name);
        Assert.DoesNotContain(audit.Agent, a => a.Requestor == true);
    }

    [Fact]
    public async Task StartManyAsync_BatchWithAnEventAlreadyStarted_AuditsOnlyTheNewStartsEachWithItsPatientAndTrigger()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var first = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var second = await host.AddLabAsync("2823-3", 3.0m, "mmol/L");
        await host.Engine.StartAsync("hypokalemia", FhirEvent(first));

        var results = await host.Engine.StartManyAsync("hypokalemia", [FhirEvent(first), FhirEvent(second)]);
        var audits = await host.AuditEventsAsync();

        Assert.Equal([false, true], results.Select(r => r.Created));
        Assert.Equal(WorkflowTestHost.PatientId, results[1].Instance.PatientId); // read from the triggering lab, as StartAsync does
        Assert.Equal(2, audits.Count);
        var batchStart = Assert.Single(audits, a => a.Entity.Single(e => e.Role.Code == "20").What.Identifier.Value == results[1].Instance.Id);
        Assert.Equal($"Observation/{second.Id}", batchStart.Entity.Single(e => e.Role.Code == "4").What.Reference);
        Assert.Equal($"Patient/{WorkflowTestHost.PatientId}", batchStart.Entity.Single(e => e.Role.Code == "1").What.Reference);
    }

    [Fact]
    public async Task ApproveAsync_ByAPractitioner_RecordsTheDecisionWithWhoDecided()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var potassium = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var (created, _) = await host.Engine.StartAsync("hypokalemia", FhirEvent(potassium));
        await host.Engine.RunAsync(created.Id);

        await host.Engine.ApproveAsync(created.Id, "Practitioner/12");
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Engine.RejectAsync(created.Id, "Practitioner/13", "late"));
        var events = await host.AuditEventsAsync();

        Assert.Contains("not waiting", refused.Message, StringComparison.Ordinal);
        var approve = Assert.Single(events, e => e.Subtype[0].Code == "approve");
        Assert.Equal((AuditCodes.System, AuditCodes.Approval), (approve.Type.System, approve.Type.Code));
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, approve.Outcome);
        var approver = approve.Agent.Single(a => a.Requestor == true);
        Assert.Equal("Practitioner/12", approver.Who.Reference);
        Assert.Equal("humanuser", approver.Type.Coding[0].Code);
        Assert.Equal(created.Id, approve.Entity.Single(e => e.Role.Code == "20").What.Identifier.Value);
        Assert.Equal($"Patient/{WorkflowTestHost.PatientId}", approve.Entity.Single(e => e.Role.Code == "1").What.Reference);
        var reject = Assert.Single(events, e => e.Subtype[0].Code == "reject");
        Assert.Equal(AuditEvent.AuditEventOutcome.N4, reject.Outcome);
        Assert.Equal("Practitioner/13", reject.Agent.Single(a => a.Requestor == true).Who.Reference);
    }

    [Fact]
    public async Task StartAsync_ByHand_RecordsTheLocalUserAsTheRequestor()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();

        await host.Engine.StartAsync("hypokalemia", new StartRequest(PatientId: WorkflowTestHost.PatientId));
        var audit = Assert.Single(await host.AuditEventsAsync());

        var requestor = audit.Agent.Single(a => a.Requestor == true);
        Assert.Equal((AuditCodes.OsUserIdentifierSystem, Environment.UserName), (requestor.Who.Identifier.System, requestor.Who.Identifier.Value));
        Assert.Equal("manual", audit.OutcomeDesc);
    }

    private static StartRequest FhirEvent(Resource resource) =>
        new(Trigger: new JsonObject { ["kind"] = "fhir", ["type"] = resource.TypeName, ["id"] = resource.Id }, TriggerKey: $"fhir:{resource.TypeName}/{resource.Id}/1");
}
