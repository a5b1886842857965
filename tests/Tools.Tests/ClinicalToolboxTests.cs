using System.Text.Json;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Tools.Formatting;
using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests;

public sealed class ClinicalToolboxTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    [Fact]
    public async Task CallAsync_ReadTool_ReturnsTheResultJsonTheModelSees()
    {
        using var services = Services(o => o.Now = ToolsFixture.Now);
        var tools = services.GetRequiredService<ClinicalToolbox>();
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
        using var services = Services(_ => { });
        var tools = services.GetRequiredService<ClinicalToolbox>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => tools.CallAsync("get_thing", new Dictionary<string, object?>()));

        Assert.Contains("No tool 'get_thing'", error.Message);
        Assert.Contains("get_observations", error.Message);
    }

    [Fact]
    public async Task CallAsync_WriteInRecordMode_IsRecordedAndTheStoreUnchanged()
    {
        using var services = Services(o => o.WriteApproval = ApprovalMode.Record);
        var tools = services.GetRequiredService<ClinicalToolbox>();
        var patient = fixture.Of<Patient>().First();

        await tools.CallAsync("order_service", new Dictionary<string, object?> { ["patient_id"] = patient.Id, ["kind"] = "lab", ["code"] = "4548-4" });

        var recorded = Assert.Single(tools.Recorder.Recorded);
        Assert.Equal("ServiceRequest", recorded.ResourceType);
        var stored = await fixture.Store.SearchAsync("ServiceRequest", SearchQuery.Parse($"patient={patient.Id}&identifier=urn:clinicalagent:idempotency|"));
        Assert.Empty(stored.Entry);
        Assert.Equal(ApprovalMode.Record, tools.Options.WriteApproval);
    }

    [Fact]
    public async Task AddClinicalTools_FromConfiguration_BindsTheToolsSectionAndTheStoreNow()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tools:WriteApproval"] = "Ask",
        }).Build();
        await fixture.Store.SetSettingAsync(ClinicalAgent.Fhir.IDatasetClock.NowSetting, ToolsFixture.Now.ToString("o"));
        using var services = new ServiceCollection()
            .AddSingleton<ClinicalAgent.Fhir.IFhirGateway>(fixture.Store)
            .AddSingleton<ClinicalAgent.Fhir.IDatasetClock>(fixture.Store)
            .AddClinicalTools(configuration)
            .BuildServiceProvider();

        var tools = services.GetRequiredService<ClinicalToolbox>();
        var now = await services.GetRequiredService<ClinicalAgent.Tools.Time.ClinicalClock>().GetNowAsync();

        Assert.Equal(ApprovalMode.Ask, tools.Options.WriteApproval);
        Assert.IsType<QueuedApprovalPolicy>(services.GetRequiredService<IApprovalPolicy>());
        Assert.Equal(ToolsFixture.Now, now);
    }

    private ServiceProvider Services(Action<ClinicalToolsOptions> configure) =>
        new ServiceCollection().AddSingleton<ClinicalAgent.Fhir.IFhirGateway>(fixture.Store).AddClinicalTools(configure).BuildServiceProvider();
}
