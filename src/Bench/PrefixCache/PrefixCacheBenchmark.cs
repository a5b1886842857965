using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Bench.Hosting;
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
    private static readonly IFormatProvider Inv = CultureInfo.InvariantCulture;

    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<PrefixCacheBenchOptions>(args, PrefixCacheBenchOptions.TryParse, PrefixCacheBenchOptions.Usage, ReportAsync, options => options.OutputPath);

    private static async Task<string> ReportAsync(PrefixCacheBenchOptions parsed)
    {
        using var folder = BenchFolder.Create("clinicalagent-bench-prefix-");
        var model = parsed.ModelPath;
        var described = model is null ? $"synthetic gemma3 {parsed.Shape.Name} {parsed.Type} (random weights, Gemma 3 vocabulary)" : Path.GetFileName(model);
        if (model is null)
        {
            model = folder.PathOf($"gemma3-{parsed.Shape.Name}-synthetic.gguf");
            Progress($"writing {described}");
            var clock = Stopwatch.StartNew();
            SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(parsed.Shape, GemmaTokenizerJson.Read(GemmaTokenizerLocation.Resolve(null)), parsed.Type), model);
            Progress($"written in {clock.Elapsed.TotalSeconds:F0} s");
        }

        using var store = folder.OpenStore();
        using var scope = new ToolScope(store);
        var tools = scope.Toolbox.Functions.Cast<AIFunctionDeclaration>().ToList();
        var system = PromptLibrary.Load("clinical-agent").Trim();
        var options = new LocalModelOptions
        {
            ModelPath = model,
            ContextSize = 8192,
            Threads = parsed.Host.Threads,
            MaxConversations = 1,
            PrefixCache = "on",
            PrefixCacheDirectory = folder.PathOf("prefix-cache"),
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

        return Report(described, options, tools.Count, rows);
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
        var table = new MarkdownTable().Left("run").Right("prompt tokens").Right("loaded from cache").Right("evaluated").Right("time to first token")
            .Right("evaluated, cold ÷ this").Right("time to first token, cold ÷ this").Right("model load").Right("wait for the cache write");
        foreach (var row in rows)
        {
            table.Row($"{row.Name}", $"{row.PromptTokens}", $"{row.CachedTokens}", $"{row.EvaluatedTokens}", $"{row.FirstToken.TotalMilliseconds:F0} ms",
                $"{cold.EvaluatedTokens / (double)Math.Max(1, row.EvaluatedTokens):F1}×", $"{cold.FirstToken / row.FirstToken:F1}×",
                $"{row.Load.TotalMilliseconds:F0} ms", $"{row.SaveWait.TotalMilliseconds:F0} ms");
        }

        text.Append(table);
        return text.ToString();
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[prefix-cache] {message}");
}
