using System.Text.Json.Nodes;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Tests.Stdio;

/// <summary>Writes under the approval policy and the audit trail of calls made over stdio.</summary>
[Collection(McpCollection.Name)]
public sealed class StdioWriteAndAuditTests(McpFixture fixture)
{
    [Theory]
    [InlineData(null, "denied")]
    [InlineData("ask", "pending_approval")]
    public async Task CallTool_WriteUnderDenyOrAsk_ReturnsTheProposalAndWritesNothing(string? mode, string status)
    {
        var id = fixture.PatientIds[0];
        var before = await CountAsync("Observation", id);
        await using var client = await fixture.StartStdioAsync(mode is null ? [] : ["--writes", mode]);

        var result = await client.CallToolAsync("record_vital_sign", new Dictionary<string, object?>
        {
            ["patient_id"] = id,
            ["kind"] = "heart_rate",
            ["value"] = "72 /min",
        });

        Assert.NotEqual(true, result.IsError);
        var answer = JsonNode.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text)!;
        Assert.Equal(status, answer["status"]!.GetValue<string>());
        Assert.Equal("Observation", answer["proposed"]!["resource_type"]!.GetValue<string>());
        Assert.Contains("72 /min", answer["proposed"]!["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("Observation", id));
    }

    [Fact]
    public async Task CallTool_Stdio_AuditRowNamesTheOsUserAndThePatient()
    {
        var id = fixture.PatientIds[2];
        await using (var client = await fixture.StartStdioAsync())
        {
            var result = await client.CallToolAsync("get_allergies", new Dictionary<string, object?> { ["patient_id"] = id });
            Assert.NotEqual(true, result.IsError);
        }

        var rows = await AuditRows.SearchAsync(fixture.Database, "subtype=get_allergies", $"patient=Patient/{id}");

        var row = Assert.Single(rows);
        Assert.Contains(Environment.UserName, AuditRows.AgentIds(row!));
    }

    private async Task<int?> CountAsync(string type, string patient)
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = fixture.Database });
        return (await store.SearchAsync(type, new SearchQuery([new("patient", patient), new("_summary", "count")]))).Total;
    }
}
