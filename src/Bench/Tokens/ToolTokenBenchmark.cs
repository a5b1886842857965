using System.Globalization;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Bench.Agent;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Bench.Tokens;

/// <summary>
/// <c>tokens [--model GGUF] [--out FILE]</c>: the tokens the tool declarations and the system prompt cost, with the
/// real Gemma 3 vocabulary (<see cref="TokenCounter"/>), side by side: the JSON declarations as they were (Semantic
/// Kernel's schemas with their repeated <c>"condition"</c>), the JSON declarations now, and the compact ones (ADR 0018).
/// </summary>
internal static class ToolTokenBenchmark
{
    private const string Usage = "usage: ClinicalAgent.Bench tokens [--model GGUF] [--out FILE]";
    private static readonly IFormatProvider Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        string? model = null, output = null;
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--model" when value is not null && File.Exists(value): model = value; break;
                case "--out" when value is not null: output = value; break;
                default:
                    Console.Error.WriteLine($"bad argument {args[i]}\n{Usage}");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-tokens-").FullName;
        try
        {
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            using var scope = new ToolScope(store);
            using var counter = TokenCounter.Create(model);
            var report = Report(counter, scope.Toolbox.Functions, Before(scope));
            Console.Out.Write(report);
            if (output is not null)
                await File.WriteAllTextAsync(output, report);
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    // The declarations as the prompt showed them before: Semantic Kernel's schemas, "condition" key and all.
    private static IReadOnlyList<AIFunctionDeclaration> Before(ToolScope scope)
    {
        var services = scope.Services;
        var kernel = new Kernel(services);
        return [.. ClinicalToolsPlugin.Create(services).Select(f => (AIFunctionDeclaration)f.WithKernel(kernel))];
    }

    private static string Report(TokenCounter counter, IReadOnlyList<AIFunction> tools, IReadOnlyList<AIFunctionDeclaration> before)
    {
        var system = PromptLibrary.Load("clinical-agent").Trim();
        var json = new GemmaPromptFormatter(ToolDeclarationStyle.Json);
        var compact = new GemmaPromptFormatter(ToolDeclarationStyle.Compact);
        var rows = new (string Name, string Declarations, string Block)[]
        {
            ("JSON, before (SK schemas with \"condition\")", ProtocolRenderer.ToolDeclarations(before), json.ToolsBlock(before)),
            ("JSON (Agent:ToolDeclarations=json)", ProtocolRenderer.ToolDeclarations(tools), json.ToolsBlock(tools)),
            ("compact (default)", CompactToolRenderer.Render(tools), compact.ToolsBlock(tools)),
        };
        var systemTokens = counter.Count(system);
        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Tool declaration tokens ({tools.Count} tools, tokens by {counter.Name})");
        text.AppendLine();
        text.AppendLine("| Declarations | Declaration tokens | Tools block (with protocol text) | System prompt | Prefix (system + tools) | × compact prefix |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        var compactPrefix = systemTokens + counter.Count(rows[^1].Block);
        foreach (var (name, declarations, block) in rows)
        {
            var prefix = systemTokens + counter.Count(block);
            text.AppendLine(Inv, $"| {name} | {counter.Count(declarations):N0} | {counter.Count(block):N0} | {systemTokens:N0} | {prefix:N0} | {prefix / (double)compactPrefix:F2} |");
        }

        var selective = new GemmaPromptFormatter(new ToolPromptOptions { ToolSelection = true });
        const string question = "What is the most recent potassium level of patient S1104961, and is it high?";
        var selected = selective.ToolsBlock(tools, question);
        text.AppendLine();
        text.AppendLine(Inv, $"With Agent:ToolSelection=true (8 tools) for \"{question}\": tools block {counter.Count(selected):N0} tokens.");
        text.AppendLine();
        text.AppendLine(Inv, $"Goal: the whole toolset in ≤ 1,500 tokens: {(counter.Count(rows[^1].Declarations) <= 1500 ? "PASS" : "FAIL")} ({counter.Count(rows[^1].Declarations):N0}).");
        text.AppendLine();
        text.AppendLine("## The compact declarations");
        text.AppendLine();
        text.AppendLine("```");
        text.AppendLine(rows[^1].Declarations);
        text.AppendLine("```");
        return text.ToString();
    }
}
