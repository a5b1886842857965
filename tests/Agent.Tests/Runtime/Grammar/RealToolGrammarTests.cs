using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Grammar;

/// <summary>The product's own tools, compiled as the model gets them: the grammar must parse in llama.cpp (a grammar it
/// refuses crashes LLamaSharp), and its calls must be the ones the schemas allow.</summary>
public sealed class RealToolGrammarTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-realtools-").FullName;

    [Fact]
    public void Build_AllRealTools_ParsesInLlamaCppAndKeepsTheirBounds()
    {
        using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        using var services = new ServiceCollection().AddSingleton<IFhirGateway>(store).AddClinicalTools().BuildServiceProvider();
        var tools = services.GetRequiredService<ClinicalToolbox>().Functions;

        var grammar = Checked(ReplyGrammar.Build(tools, ChatToolMode.RequireAny, allowMultipleCalls: true)!);
        var relaxations = ReplyGrammar.EnsureExpressible(tools);

        Assert.Equal(21, tools.Count);
        Accepts(grammar, """{"tool_calls": [{"name": "classify_image", "arguments": {"image_id": "ImagingStudy/s1#1.1", "labels": ["a normal chest X-ray", "a chest X-ray with a pleural effusion"]}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "classify_image", "arguments": {"image_id": "Media/m1", "labels": []}}]}""");
        Rejects(grammar, $$$"""{"tool_calls": [{"name": "classify_image", "arguments": {"image_id": "Media/m1", "labels": [{{{string.Join(", ", Enumerable.Range(0, 17).Select(i => $"\"label {i}\""))}}}]}}]}""");
        Accepts(grammar, """{"tool_calls": [{"name": "get_observations", "arguments": {"patient_id": "S1104961", "code": "potassium", "latest_only": true, "limit": 5}}]}""");
        Accepts(grammar, $$$"""{"tool_calls": [{"name": "create_note", "arguments": {"patient_id": "S1104961", "title": "Call", "text": "{{{new string('x', 2500)}}}"}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "get_observations", "arguments": {"patient_id": "S1104961", "limit": 0}}]}""");
        Rejects(grammar, $$$"""{"tool_calls": [{"name": "find_patients", "arguments": {"name": "{{{new string('x', 301)}}}"}}]}""");
        Assert.All(relaxations, r => Assert.Contains(r.Keyword, new[] { "format", "oneOf" }));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
