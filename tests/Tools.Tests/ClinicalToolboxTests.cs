using System.Text.Json;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests;

public sealed class ClinicalToolboxTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    [Fact]
    public async Task CallAsync_ReadTool_ReturnsTheResultJsonTheModelSees()
    {
        using var tools = new ClinicalToolbox(fixture.Store, o => o.Now = ToolsFixture.Now);
        var patient = fixture.Of<Patient>().First();

        var text = await tools.CallAsync("get_observations", new Dictionary<string, object?> { ["patient_id"] = patient.Id, ["code"] = "2823-3", ["latest_only"] = true });

        using var json = JsonDocument.Parse(text);
        var row = Assert.Single(ToolTable.Rows(json.RootElement));
        Assert.Equal("2823-3", row.GetProperty("code").GetString());
        Assert.Equal(tools.Functions.Count, tools.Functions.Select(f => f.Name).Distinct().Count());
    }

    [Fact]
    public async Task CallAsync_UnknownTool_ThrowsListingTheTools()
    {
        using var tools = new ClinicalToolbox(fixture.Store);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => tools.CallAsync("get_thing", new Dictionary<string, object?>()));

        Assert.Contains("No tool 'get_thing'", error.Message);
        Assert.Contains("get_observations", error.Message);
    }

    [Fact]
    public async Task CallAsync_WriteInRecordMode_IsRecordedAndTheStoreUnchanged()
    {
        using var tools = new ClinicalToolbox(fixture.Store, o => o.WriteApproval = ApprovalMode.Record);
        var patient = fixture.Of<Patient>().First();

        await tools.CallAsync("order_service", new Dictionary<string, object?> { ["patient_id"] = patient.Id, ["kind"] = "lab", ["code"] = "4548-4" });

        var recorded = Assert.Single(tools.Recorder.Recorded);
        Assert.Equal("ServiceRequest", recorded.ResourceType);
        var stored = await fixture.Store.SearchAsync("ServiceRequest", SearchQuery.Parse($"patient={patient.Id}&identifier=urn:clinicalagent:idempotency|"));
        Assert.Empty(stored.Entry);
        Assert.Equal(ApprovalMode.Record, tools.Options.WriteApproval);
    }
}
