using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static ClinicalAgent.Agent.Tests.Runtime.Grammar.GrammarAssert;

namespace ClinicalAgent.Agent.Tests.Runtime.Prompting;

/// <summary>The compact tool declarations (<c>Agent:ToolDeclarations=compact</c>) over the product's real tools.</summary>
public sealed class CompactToolDeclarationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-compact-").FullName;
    private readonly IEmbeddedFhirStore _store;
    private readonly ServiceProvider _services;

    public CompactToolDeclarationTests()
    {
        _store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        _services = new ServiceCollection().AddSingleton<IFhirGateway>(_store).AddClinicalTools().BuildServiceProvider();
        Tools = _services.GetRequiredService<ClinicalToolbox>().Functions;
    }

    internal IReadOnlyList<AIFunction> Tools { get; }

    [Fact]
    public void Render_RealTools_OneSignaturePerToolWithOptionalMarksAndBounds()
    {
        var text = CompactToolRenderer.Render(Tools);

        var lines = text.Split('\n');
        Assert.Equal(Tools.Count, lines.Count(l => Tools.Any(t => l.StartsWith(t.Name + "(", StringComparison.Ordinal))));
        Assert.Contains(lines, l => l.StartsWith("get_observations(patient_id, code?, category?, since?, until?, latest_only?: bool, limit?) A patient's lab results", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("classify_image(image_id, labels: string[] 1..16 items)", StringComparison.Ordinal));
        Assert.DoesNotContain("\"type\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"condition\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RealTools_SaysEachDescriptionOnce()
    {
        var text = CompactToolRenderer.Render(Tools);

        foreach (var tool in Tools)
            Assert.Single(AllIndexes(text, tool.Description.Trim()));
        // The patient id is a parameter of most tools; it is described once, above them.
        Assert.Single(AllIndexes(text, "The patient's id (MRN)"));
    }

    [Fact]
    public void Format_DefaultFormatter_DeclaresCompactlyAndJsonStyleKeepsSchemas()
    {
        ChatMessage[] messages = [new(ChatRole.System, "SYSTEM"), new(ChatRole.User, "USER")];

        var compact = new GemmaPromptFormatter().Format(messages, Tools);
        var json = new GemmaPromptFormatter(ToolDeclarationStyle.Json).Format(messages, Tools);

        Assert.Contains("get_patient(patient_id)", compact, StringComparison.Ordinal);
        Assert.DoesNotContain("\"properties\"", compact, StringComparison.Ordinal);
        Assert.Contains("{\"name\": \"get_patient\", \"description\": ", json, StringComparison.Ordinal);
        Assert.Contains("\"properties\"", json, StringComparison.Ordinal);
        Assert.True(compact.Length * 2 < json.Length, $"compact {compact.Length} chars, json {json.Length}");
    }

    [Fact]
    public void Build_GrammarBehindCompactPrompt_StillEnforcesTheFullSchemas()
    {
        var prompt = new GemmaPromptFormatter().Format([new(ChatRole.User, "latest potassium?")], Tools);

        // The grammar is built from the tools' full JSON Schemas, whatever the prompt shows of them.
        var grammar = Checked(ReplyGrammar.Build(Tools, ChatToolMode.RequireAny, allowMultipleCalls: true)!);

        Assert.DoesNotContain("\"required\"", prompt, StringComparison.Ordinal);
        Accepts(grammar, """{"tool_calls": [{"name": "get_observations", "arguments": {"patient_id": "S1104961", "code": "potassium", "limit": 5}}]}""");
        // Below the minimum, a required parameter missing, a parameter no schema has, the wrong type, no labels.
        Rejects(grammar, """{"tool_calls": [{"name": "get_observations", "arguments": {"patient_id": "S1104961", "limit": 0}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "get_observations", "arguments": {"code": "potassium"}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "get_patient", "arguments": {"patient_id": "S1104961", "verbose": true}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "get_observations", "arguments": {"patient_id": "S1104961", "latest_only": "yes"}}]}""");
        Rejects(grammar, """{"tool_calls": [{"name": "classify_image", "arguments": {"image_id": "Media/m1", "labels": []}}]}""");
    }

    [Fact]
    public void Format_ToolSelection_DeclaresTheQuestionsToolsAndKeepsThePrefix()
    {
        var formatter = new GemmaPromptFormatter(new ToolPromptOptions { ToolSelection = true, ToolSelectionCount = 4 });
        List<ChatMessage> messages = [new(ChatRole.User, "What are the latest lab results and vital signs (observations)?")];

        var first = formatter.Format(messages, Tools);
        messages.Add(new ChatMessage(ChatRole.Assistant, "Which patient?"));
        messages.Add(new ChatMessage(ChatRole.User, "Show me the images and notes instead."));
        var later = formatter.Format(messages, Tools);

        Assert.Contains("get_observations(", first, StringComparison.Ordinal);
        Assert.Equal(4, Tools.Count(t => first.Contains("\n" + t.Name + "(", StringComparison.Ordinal)));
        // The selection follows the first question, so the conversation's earlier turns render the same.
        Assert.StartsWith(first[..^GemmaPromptFormatter.GenerationPrompt.Length], later, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ToolSelectionWithUnrelatedQuestion_DeclaresEveryTool()
    {
        var formatter = new GemmaPromptFormatter(new ToolPromptOptions { ToolSelection = true, ToolSelectionCount = 4 });

        var text = formatter.Format([new(ChatRole.User, "Hello there")], Tools);

        Assert.All(Tools, t => Assert.Contains(t.Name + "(", text, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _services.Dispose();
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static List<int> AllIndexes(string text, string value)
    {
        var found = new List<int>();
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
            found.Add(i);
        return found;
    }
}
