using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using ModelContextProtocol.Protocol;

namespace ClinicalAgent.Mcp.Tests.Stdio;

/// <summary><c>clinicalagent mcp</c> as a child process, driven by the official C# SDK client over its stdin and stdout.</summary>
[Collection(McpCollection.Name)]
public sealed class StdioServerTests(McpFixture fixture)
{
    [Fact]
    public async Task ListTools_Stdio_SameNamesDescriptionsAndSchemasAsToolsList()
    {
        var printed = await CliRun.RunAsync("tools", "list", "--db", fixture.Database);
        await using var client = await fixture.StartStdioAsync();

        var tools = await client.ListToolsAsync();

        var expected = ParseToolsList(printed.Output);
        Assert.Equal(expected.Select(t => t.Name), tools.Select(t => t.Name));
        foreach (var tool in tools)
        {
            var (_, description, schema) = expected.Single(t => t.Name == tool.Name);
            Assert.Equal(description, tool.Description);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(schema), JsonNode.Parse(tool.JsonSchema.GetRawText())), tool.Name);
        }
    }

    [Fact]
    public async Task CallTool_GetPatient_ReturnsTheStoredDemographics()
    {
        var id = fixture.PatientIds[0];
        var stored = await StoredPatientAsync(id);
        await using var client = await fixture.StartStdioAsync();

        var result = await client.CallToolAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = id });

        Assert.NotEqual(true, result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        var patient = JsonNode.Parse(text)!;
        Assert.Equal(id, patient["id"]!.GetValue<string>());
        Assert.Equal(stored.BirthDate, patient["birthDate"]!.GetValue<string>());
        Assert.Contains(stored.Name[0].Family, patient["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallTool_UnknownPatient_IsErrorWithTheShortMessage()
    {
        await using var client = await fixture.StartStdioAsync();

        var result = await client.CallToolAsync("get_patient", new Dictionary<string, object?> { ["patient_id"] = "S0000000" });

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.Equal("Patient 'S0000000' does not exist. Use find_patients to look up the id.", text);
    }

    [Fact]
    public async Task ReadResource_PatientSummary_HoldsTheStoresCounts()
    {
        var id = fixture.PatientIds[1];
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = fixture.Database });
        var observations = (await store.SearchAsync("Observation", new SearchQuery([new("patient", id), new("_summary", "count")]))).Total;
        var conditions = (await store.SearchAsync("Condition", new SearchQuery([new("patient", id), new("_summary", "count")]))).Total;
        await using var client = await fixture.StartStdioAsync();

        var listed = await client.ListResourcesAsync();
        var read = await client.ReadResourceAsync($"patient://{id}/summary");

        Assert.Contains(listed, r => r.Uri == $"patient://{id}/summary");
        var summary = JsonNode.Parse(Assert.IsType<TextResourceContents>(Assert.Single(read.Contents)).Text)!;
        Assert.Equal(id, summary["patient"]!["id"]!.GetValue<string>());
        Assert.Equal(observations, summary["counts"]!["Observation"]!.GetValue<int>());
        Assert.Equal(conditions, summary["counts"]!["Condition"]!.GetValue<int>());
    }

    [Fact]
    public async Task ListResourceTemplates_Stdio_OffersThePatientSummaryTemplate()
    {
        await using var client = await fixture.StartStdioAsync();

        var templates = await client.ListResourceTemplatesAsync();

        Assert.Equal("patient://{id}/summary", Assert.Single(templates).UriTemplate);
    }

    [Fact]
    public async Task GetPrompt_WithItsPlaceholder_ReturnsThePromptFileFilled()
    {
        var file = await File.ReadAllTextAsync(Path.Combine(PromptLibrary.Directory, "clinical-agent-patient.md"));
        await using var client = await fixture.StartStdioAsync();

        var prompts = await client.ListPromptsAsync();
        var prompt = await client.GetPromptAsync("clinical-agent-patient", new Dictionary<string, object?> { ["patient_id"] = "S7654321" });

        var listed = Assert.Single(prompts, p => p.Name == "clinical-agent-patient");
        Assert.Equal("patient_id", Assert.Single(listed.ProtocolPrompt.Arguments!).Name);
        Assert.DoesNotContain(prompts, p => p.Name == "README");
        var text = Assert.IsType<TextContentBlock>(Assert.Single(prompt.Messages).Content).Text;
        Assert.Equal(file.ReplaceLineEndings("\n").Replace("{{patient_id}}", "S7654321", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task GetPrompt_MissingArgument_IsAProtocolErrorNamingIt()
    {
        await using var client = await fixture.StartStdioAsync();

        var error = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => client.GetPromptAsync("clinical-agent-patient").AsTask());

        Assert.Contains("patient_id", error.Message, StringComparison.Ordinal);
    }

    private async Task<Hl7.Fhir.Model.Patient> StoredPatientAsync(string id)
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = fixture.Database });
        return (Hl7.Fhir.Model.Patient)await store.ReadAsync("Patient", id);
    }

    // `tools list` prints each tool as three lines: name, two-space-indented description, two-space-indented schema.
    private static List<(string Name, string Description, string Schema)> ParseToolsList(string output)
    {
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        var tools = new List<(string, string, string)>();
        for (var i = 0; i + 2 < lines.Length; i++)
        {
            if (lines[i].Length > 0 && !lines[i].StartsWith(' ') && lines[i + 1].StartsWith("  ", StringComparison.Ordinal) && lines[i + 2].StartsWith("  {", StringComparison.Ordinal))
            {
                tools.Add((lines[i], lines[i + 1][2..], lines[i + 2][2..]));
                i += 2;
            }
        }

        return tools;
    }
}
