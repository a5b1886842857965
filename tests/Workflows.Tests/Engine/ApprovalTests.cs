using System.Globalization;
using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Workflows.Tests.Engine;

public sealed class ApprovalTests
{
    private static StartRequest FhirEvent(Resource resource) =>
        new(Trigger: new JsonObject { ["kind"] = "fhir", ["type"] = resource.TypeName, ["id"] = resource.Id }, TriggerKey: $"fhir:{resource.TypeName}/{resource.Id}/1");

    [Fact]
    public async Task Hypokalemia_ApprovedAfterRestart_WritesOrderAndRecheckOnce()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var potassium = await host.AddLabAsync("2823-3", 3.1m, "mmol/L");
        var (created, _) = await host.Engine.StartAsync("hypokalemia", FhirEvent(potassium));
        var parked = await host.Engine.RunAsync(created.Id);
        host.Restart();

        await host.Engine.ApproveAsync(created.Id, "dr.house");
        var done = await host.Engine.RunAsync(created.Id);

        Assert.Equal(InstanceStatus.WaitingApproval, parked.Status);
        Assert.Equal("approve", parked.CurrentStep);
        Assert.True(done.Status == InstanceStatus.Completed, done.Error);
        var order = (MedicationRequest)await host.Fhir.ReadAsync("MedicationRequest", done.Variables["order"]!["id"]!.GetValue<string>());
        Assert.Equal("40032-917-01", order.Medication is CodeableConcept c ? c.Coding[0].Code : null);
        Assert.Equal(40m, order.DosageInstruction[0].DoseAndRate[0].Dose is Quantity q ? q.Value : null);
        var recheck = (ServiceRequest)await host.Fhir.ReadAsync("ServiceRequest", done.Variables["recheck"]!["id"]!.GetValue<string>());
        Assert.EndsWith("T08:00:00+00:00", ((FhirDateTime)recheck.Occurrence).Value, StringComparison.Ordinal);
        Assert.Equal(1, await host.CountAsync("MedicationRequest"));
        Assert.Equal(1, await host.CountAsync("ServiceRequest"));
        Assert.Equal(1, await host.CountAsync("Communication"));
        var journal = await host.Store.JournalAsync(created.Id);
        var approved = Assert.Single(journal, j => j.Kind == "approved");
        Assert.Equal("dr.house", approved.Detail!["by"]!.GetValue<string>());
        Assert.Equal("completed", journal[^1].Kind);
        Assert.Equal(3, (await host.Store.WritesAsync(created.Id)).Count);
    }

    [Fact]
    public async Task Hypokalemia_Rejected_EndsWithoutWrites()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var potassium = await host.AddLabAsync("2823-3", 3.0m, "mmol/L");
        var (created, _) = await host.Engine.StartAsync("hypokalemia", FhirEvent(potassium));
        await host.Engine.RunAsync(created.Id);

        var rejected = await host.Engine.RejectAsync(created.Id, "dr.cuddy", "on dialysis");
        var rerun = await host.Engine.RunAsync(created.Id);

        Assert.Equal(InstanceStatus.Rejected, rejected.Status);
        Assert.Equal(InstanceStatus.Rejected, rerun.Status);
        Assert.Contains("on dialysis", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("MedicationRequest"));
        var approval = await host.Store.GetApprovalAsync(created.Id, "approve");
        Assert.Equal(("rejected", "dr.cuddy"), (approval!.Status, approval.DecidedBy));
    }

    [Fact]
    public async Task Hypokalemia_NormalPotassium_EndsWithoutApproval()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var potassium = await host.AddLabAsync("2823-3", 4.2m, "mmol/L");

        var done = await host.Engine.StartAndRunAsync("hypokalemia", FhirEvent(potassium));

        Assert.Equal(InstanceStatus.Completed, done.Status);
        Assert.False(done.Variables["is_low"]!.GetValue<bool>());
        Assert.Null(await host.Store.GetApprovalAsync(done.Id, "approve"));
        Assert.Equal(0, await host.CountAsync("MedicationRequest"));
    }

    [Fact]
    public async Task Approve_InstanceNotWaiting_Fails()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("hypokalemia"));
        await host.AddPatientAsync();
        var potassium = await host.AddLabAsync("2823-3", 4.2m, "mmol/L");
        var done = await host.Engine.StartAndRunAsync("hypokalemia", FhirEvent(potassium));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.Engine.ApproveAsync(done.Id, "someone"));

        Assert.Contains("not waiting for an approval", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Magnesium_VeryLow_OrdersFourGrams()
    {
        using var host = WorkflowTestHost.With(SampleWorkflows.Get("magnesium"));
        await host.AddPatientAsync();
        var magnesium = await host.AddLabAsync("19123-9", 0.9m, "mg/dL");
        var (created, _) = await host.Engine.StartAsync("magnesium", FhirEvent(magnesium));
        await host.Engine.RunAsync(created.Id);

        await host.Engine.ApproveAsync(created.Id, "dr.wilson");
        var done = await host.Engine.RunAsync(created.Id);

        Assert.Equal(InstanceStatus.Completed, done.Status);
        var order = (MedicationRequest)await host.Fhir.ReadAsync("MedicationRequest", done.Variables["order"]!["id"]!.GetValue<string>());
        Assert.Equal(4m, ((Quantity)order.DosageInstruction[0].DoseAndRate[0].Dose).Value);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"0338-1715-40"), ((CodeableConcept)order.Medication).Coding[0].Code);
    }
}
