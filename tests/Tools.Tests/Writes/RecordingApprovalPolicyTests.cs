using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Writes;

public sealed class RecordingApprovalPolicyTests
{
    [Fact]
    public async Task OrderService_RecordMode_ReportsAcceptedRecordsProposalAndLeavesStoreUnchanged()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Record);
        var before = (await store.SearchAsync<ServiceRequest>($"subject=Patient/{store.PatientId}")).Count;

        var result = ToolsFixture.Parse(await store.Plugin.OrderServiceAsync(store.PatientId, "lab", "2823-3", priority: "stat"));

        Assert.Equal("accepted", result.GetProperty("status").GetString());
        var recorded = Assert.Single(store.Services.GetRequiredService<RecordingApprovalPolicy>().Recorded);
        Assert.Equal("ServiceRequest", recorded.ResourceType);
        Assert.Contains("\"2823-3\"", recorded.ResourceJson, StringComparison.Ordinal);
        Assert.Equal(before, (await store.SearchAsync<ServiceRequest>($"subject=Patient/{store.PatientId}")).Count);
    }

    [Fact]
    public async Task DecideAsync_TwoProposals_KeepsThemInOrder()
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Record);

        await store.Plugin.OrderMedicationAsync(store.PatientId, "potassium chloride", code: "40032-917-01", system: "ndc");
        await store.Plugin.OrderServiceAsync(store.PatientId, "lab", "2823-3");

        var recorded = store.Services.GetRequiredService<RecordingApprovalPolicy>().Recorded;
        Assert.Equal(["MedicationRequest", "ServiceRequest"], recorded.Select(r => r.ResourceType));
    }
}
