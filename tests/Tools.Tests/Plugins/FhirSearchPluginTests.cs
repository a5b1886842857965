using ClinicalAgent.Tools.Plugins;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Tools.Tests.Plugins;

public sealed class FhirSearchPluginTests(ToolsFixture fixture) : IClassFixture<ToolsFixture>
{
    private readonly FhirSearchPlugin _plugin = fixture.Get<FhirSearchPlugin>();

    [Fact]
    public async Task Search_ManyMatches_CapsEntries()
    {
        var patient = fixture.Of<Patient>().First();
        var max = fixture.Get<Microsoft.Extensions.Options.IOptions<ClinicalToolsOptions>>().Value.MaxSearchEntries;

        var result = ToolsFixture.Parse(await _plugin.SearchAsync("Observation", $"patient={patient.Id}&_count=500"));

        Assert.True(result.GetProperty("returned").GetInt32() <= max);
        Assert.True(result.GetProperty("truncated").GetBoolean());
        Assert.All(result.GetProperty("entries").EnumerateArray(), e => Assert.Equal("Observation", e.GetProperty("resourceType").GetString()));
    }

    [Fact]
    public async Task Search_UnknownParameter_ReturnsFhirError()
    {
        var result = ToolsFixture.Parse(await _plugin.SearchAsync("Observation", "bogus=1"));

        Assert.True(result.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task Search_UnknownType_ReturnsError()
    {
        var result = ToolsFixture.Parse(await _plugin.SearchAsync("Banana", "x=1"));

        Assert.Contains("not a FHIR resource type", result.GetProperty("error").GetString());
    }
}
