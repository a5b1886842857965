using ClinicalAgent.Tools.Writes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Tools.Tests.Writes;

public sealed class ApprovalRegistrationTests
{
    [Theory]
    [InlineData(ApprovalMode.Deny, typeof(DenyAllPolicy))]
    [InlineData(ApprovalMode.Ask, typeof(QueuedApprovalPolicy))]
    [InlineData(ApprovalMode.Allow, typeof(AllowAllPolicy))]
    [InlineData(ApprovalMode.Record, typeof(RecordingApprovalPolicy))]
    public async Task AddClinicalTools_WriteApproval_RegistersMatchingPolicy(ApprovalMode mode, Type expected)
    {
        await using var store = await WriteStore.CreateAsync(mode);

        var policy = store.Services.GetRequiredService<IApprovalPolicy>();

        Assert.IsType(expected, policy);
    }

    [Fact]
    public void ClinicalToolsOptions_Default_DeniesWrites()
    {
        var options = new ClinicalToolsOptions();

        var mode = options.WriteApproval;

        Assert.Equal(ApprovalMode.Deny, mode);
    }

    [Theory]
    [InlineData("38.2", "Cel")]
    [InlineData("100.4 F", "[degF]")]
    [InlineData("37 °C", "Cel")]
    public async Task RecordVitalSign_Temperature_UcumUnit(string value, string unit)
    {
        await using var store = await WriteStore.CreateAsync(ApprovalMode.Allow);

        var result = ToolsFixture.Parse(await store.Plugin.RecordVitalSignAsync(store.PatientId, "temperature", value));

        var id = result.GetProperty("id").GetString()!.Split('/')[1];
        var observation = (Observation)await store.Store.ReadAsync("Observation", id);
        Assert.Equal(unit, ((Quantity)observation.Value).Code);
        Assert.Equal("http://unitsofmeasure.org", ((Quantity)observation.Value).System);
    }
}
