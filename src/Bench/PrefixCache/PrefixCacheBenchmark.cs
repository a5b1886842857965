using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Fhir.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.PrefixCache;

/// <summary>
/// <c>prefix-cache [--model GGUF] [--shape 270m|1b|4b] [--type q8_0|f16] [--threads N] [--out FILE]</c>: the persistent
/// prefix cache (ADR 0022) side by side in one run. Each row is a new model instance, as a new <c>ask</c> process is: cold
/// (empty cache folder: today's cost, and it writes the file), then cached with the same question and with another one.
/// The prompt is the agent's: the real system prompt and the real toolset's declarations, and a question. Without
/// <c>--model</c>, a random-weight model of the chosen Gemma 3 shape (default 1b, Q8_0) with the real vocabulary is written
/// to a temporary folder first and deleted at the end.
/// </summary>
internal static class PrefixCacheBenchmark
{
    private const string Usage = "usage: ClinicalAgent.Bench prefix-cache [--model GGUF] [--shape 270m|1b|4b] [--type q8_0|f16] [--threads N] [--out FILE]";
    private static readonly IFormatProvider Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        string? model = null, output = null;
        var shape = GemmaShape.Gemma3_1B;
        var type = GgmlType.Q8_0;
        var threads = Math.Max(1, Environment.ProcessorCount);
        for (var i = 1; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--model" when value is not null && File.Exists(value): model = value; break;
                case "--shape" when GemmaShape.Published.FirstOrDefault(s => s.Name == value) is { } chosen: shape = chosen; break;
                case "--type" when value is "q8_0" or "f16": type = value == "f16" ? GgmlType.F16 : GgmlType.Q8_0; break;
                case "--threads" when int.TryParse(value, Inv, out var n) && n > 0: threads = n; break;
                case "--out" when value is not null: output = value; break;
                default:
                    Console.Error.WriteLine($"bad argument {args[i]}\n{Usage}");
                    return 2;
            }
        }

        var folder = Directory.CreateTempSubdirectory("clinicalagent-bench-prefix-").FullName;
        try
        {
            var described = model is null ? $"synthetic gemma3 {shape.Name} {type} (random weights, Gemma 3 vocabulary)" : Path.GetFileName(model);
            if (model is null)
            {
                model = Path.Combine(folder, $"gemma3-{shape.Name}-synthetic.gguf");
                Progress($"writing {described}");
                var clock = Stopwatch.StartNew();
                SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(shape, GemmaTokenizerJson.Read(GemmaTokenizerLocation.Resolve(null)), type), model);
                Progress($"written in {clock.Elapsed.TotalSeconds:F0} s");
            }

            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            using var scope = new ToolScope(store);
            var tools = scope.Toolbox.Functions.Cast<AIFunctionDeclaration>().ToList();
            var system = PromptLibrary.Load("clinical-agent").Trim();
            var options = new LocalModelOptions
            {
                ModelPath = model,
                ContextSize = 8192,
                Threads = threads,
                MaxConversations = 1,
                PrefixCache = "on",
                PrefixCacheDirectory = Path.Combine(folder, "prefix-cache"),
            };

            var rows = new List<PrefixCacheRow>();
            foreach (var (name, question) in new[]
            {
                ("cold (empty cache folder: today)", "What is the latest potassium of patient Patient/S0000001?"),
                ("cached, same question", "What is the latest potassium of patient Patient/S0000001?"),
                ("cached, another question", "List the active medications of patient Patient/S0000002 and flag any renal risk."),
            })
            {
                Progress(name);
                rows.Add(await MeasureAsync(name, options, system, tools, question));
            }

            var report = Report(described, options, tools.Count, rows);
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

    /// <summary>A new model instance answers one question: time to its first sampled token, and what it evaluated.</summary>
    private static async Task<PrefixCacheRow> MeasureAsync(string name, LocalModelOptions options, string system,
        IReadOnlyList<AIFunctionDeclaration> tools, string question)
    {
        var load = Stopwatch.StartNew();
        var local = new LocalModel(Options.Create(options));
        var loadTime = load.Elapsed;
        var stats = new GenerationStats();
        TimeSpan firstToken;
        TimeSpan saveWait;
        try
        {
            var rendered = new GemmaPromptFormatter().Render([new(ChatRole.System, system), new(ChatRole.User, question)], tools);
            var input = local.Tokenize(rendered);
            var clock = Stopwatch.StartNew();
            firstToken = TimeSpan.Zero;
            await foreach (var _ in local.GenerateAsync(input, new GenerationSettings(4, 0.2f, 1, null), stats, CancellationToken.None))
            {
                if (firstToken == TimeSpan.Zero)
                    firstToken = clock.Elapsed;
            }

            if (firstToken == TimeSpan.Zero)
                firstToken = clock.Elapsed;
            var flush = Stopwatch.StartNew();
            if (local.PrefixCache is { } cache)
                await cache.FlushAsync();
            saveWait = flush.Elapsed;
            return new PrefixCacheRow(name, input.SharedPrefix, stats.PromptTokens, stats.CachedTokens, stats.EvaluatedTokens, firstToken, loadTime, saveWait);
        }
        finally
        {
            local.Dispose();
        }
    }

    private static string Report(string model, LocalModelOptions options, int toolCount, List<PrefixCacheRow> rows)
    {
        var cold = rows[0];
        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Persistent prefix cache ({model})");
        text.AppendLine();
        text.AppendLine(Inv, $"{options.Threads} threads, context {options.ContextSize}, batch {options.BatchSize}, {Environment.ProcessorCount} logical cores; " +
            $"prompt: the `clinical-agent` system prompt and {toolCount} tools (compact declarations), shared prefix {cold.SharedPrefix} tokens. " +
            $"Each row is a new model instance; {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine("| run | prompt tokens | loaded from cache | evaluated | time to first token | evaluated, cold ÷ this | time to first token, cold ÷ this | model load | wait for the cache write |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(Inv, $"| {row.Name} | {row.PromptTokens} | {row.CachedTokens} | {row.EvaluatedTokens} | {row.FirstToken.TotalMilliseconds:F0} ms | " +
                $"{cold.EvaluatedTokens / (double)Math.Max(1, row.EvaluatedTokens):F1}× | {cold.FirstToken / row.FirstToken:F1}× | " +
                $"{row.Load.TotalMilliseconds:F0} ms | {row.SaveWait.TotalMilliseconds:F0} ms |");
        }

        return text.ToString();
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[prefix-cache] {message}");
}
