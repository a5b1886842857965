using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Tools;
using LLama.Common;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>
/// <c>runtime</c>: figures for the local model runtime: KV reuse over a tool loop, our client's overhead
/// over raw LLamaSharp decoding, parse failures over many sampled replies, and prompt/generation speed.
/// Progress goes to stderr, the Markdown report to stdout.
/// </summary>
internal sealed class RuntimeBenchmark(RuntimeBenchOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<RuntimeBenchOptions>(args, RuntimeBenchOptions.TryParse, RuntimeBenchOptions.Usage, options => new RuntimeBenchmark(options).ReportAsync(), options => options.OutputPath);

    private async Task<string> ReportAsync()
    {
        using var folder = BenchFolder.Create("clinicalagent-bench-");
        return await MeasureAsync(folder.ModelOrTiny(options.ModelPath), folder);
    }

    private async Task<string> MeasureAsync(string path, BenchFolder folder)
    {
        var modelOptions = new LocalModelOptions
        {
            ModelPath = path,
            // The 17 real tools' declarations are ~12k tokens in the tiny model's near character-level vocabulary.
            ContextSize = 16384,
            Threads = options.Host.EffectiveThreads,
            MaxOutputTokens = 256,
            MaxConversations = 1,
            // These figures are in-process reuse from a cold start; a prefix file of an earlier run would hide that.
            PrefixCache = "off",
        };
        using var model = new LocalModel(Options.Create(modelOptions));
        var client = new LocalChatClient(model, new GemmaPromptFormatter());
        var tools = BenchTools.Create();
        var report = new StringBuilder();
        report.AppendLine(Inv, $"# Runtime benchmark\n\nModel `{model.ModelId}`, {modelOptions.Threads} threads, context {modelOptions.ContextSize}, " +
            $"{Environment.ProcessorCount} logical cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.\n");

        Progress($"tool loop, {options.Turns} turns");
        var turns = await ToolLoopMeasurer.RunAsync(model, client, tools, options.Turns);
        WriteToolLoop(report, turns);

        Progress($"client vs raw LLamaSharp, {options.Repeats} repeats");
        await WriteDecodingAsync(report, model, client, modelOptions);

        // The real tools' schemas (all of them, over an empty store: only their declarations matter here).
        using var store = folder.OpenStore();
        using var scope = new ToolScope(store);
        var toolbox = scope.Toolbox;
        Progress($"{options.Replies} sampled replies over the {toolbox.Functions.Count} real tools");
        var counts = await ReplySampler.RunAsync(client, toolbox.Functions, options.Replies, n => Progress($"  {n} replies"));
        report.AppendLine(Inv, $"""
            ## Sampled tool calls over the {toolbox.Functions.Count} real tools (tool mode Required, temperature 1.0, {counts.Replies} seeds)

            Every call is checked against its tool's full JSON Schema (`ToolCallValidator`); the grammar's guarantee is 0
            violations. Strings without a `maxLength` are capped at {modelOptions.MaxStringArgumentLength} characters
            (`Model:MaxStringArgumentLength`).

            """);
        report.Append(new MarkdownTable().Right("replies with calls").Right("answers").Right($"cut off at {ReplySampler.MaxTokens} tokens").Right("unparsable")
            .Right("calls").Right("schema violations").Right("total ms")
            .Row($"{counts.ToolCalls}", $"{counts.Answers}", $"{counts.CutOff}", $"**{counts.Unparsable}**", $"{counts.Calls}", $"**{counts.SchemaViolations}**", $"{counts.Ms:F0}"));
        report.AppendLine();
        return report.ToString();
    }

    private static void WriteToolLoop(StringBuilder report, IReadOnlyList<ToolLoopTurn> turns)
    {
        report.AppendLine("## KV reuse over a tool loop (tool mode Required)\n");
        var table = new MarkdownTable().Right("turn").Right("prompt tokens").Right("evaluated with reuse").Right("evaluated without").Right("ms with reuse").Right("ms without");
        foreach (var t in turns)
            table.Row($"{t.Turn}", $"{t.PromptTokens}", $"{t.EvaluatedWithReuse}", $"{t.EvaluatedWithout}", $"{t.MsWithReuse:F1}", $"{t.MsWithout:F1}");
        var with = turns.Sum(t => t.EvaluatedWithReuse);
        var without = turns.Sum(t => t.EvaluatedWithout);
        var msWith = turns.Sum(t => t.MsWithReuse);
        var msWithout = turns.Sum(t => t.MsWithout);
        table.Row($"**total**", $"{turns.Sum(t => t.PromptTokens)}", $"**{with}**", $"**{without}**", $"{msWith:F1}", $"{msWithout:F1}");
        report.Append(table).AppendLine();
        report.AppendLine(Inv, $"Evaluated tokens without reuse / with reuse: **{(double)without / Math.Max(1, with):F2}x**; " +
            $"wall time: **{msWithout / Math.Max(1e-9, msWith):F2}x**.\n");
    }

    private async Task WriteDecodingAsync(StringBuilder report, LocalModel model, LocalChatClient client, LocalModelOptions modelOptions)
    {
        ChatMessage[] messages = [new(ChatRole.User, "Write a short handover note for a patient with hypokalaemia on furosemide.")];
        var prompt = new GemmaPromptFormatter().Format(messages);
        var parameters = new ModelParams(model.FilePath)
        {
            ContextSize = (uint)modelOptions.ContextSize,
            Threads = modelOptions.Threads,
            BatchThreads = modelOptions.Threads,
            BatchSize = (uint)modelOptions.BatchSize,
            UBatchSize = (uint)modelOptions.BatchSize,
        };
        // Warm both paths once (JIT, first allocations), then alternate so drift hits both alike. The raw
        // path generates as many tokens as the client's run did, so both do the same work.
        var warm = await DecodingComparison.ClientAsync(model, client, messages, 1);
        await DecodingComparison.RawAsync(model.Weights, parameters, prompt, 1, warm.GeneratedTokens);
        var ours = new List<DecodeRun>();
        var raw = new List<DecodeRun>();
        for (var i = 0; i < options.Repeats; i++)
        {
            var run = await DecodingComparison.ClientAsync(model, client, messages, (uint)(i + 2));
            ours.Add(run);
            raw.Add(await DecodingComparison.RawAsync(model.Weights, parameters, prompt, (uint)(i + 2), run.GeneratedTokens));
        }

        var ratios = ours.Zip(raw, (o, r) => o.Ms / Math.Max(1e-9, r.Ms)).ToList();
        report.AppendLine(Inv, $"""
            ## Our client vs raw LLamaSharp (same prompt, no tools, cold cache, {options.Repeats} runs)

            Each raw run generates exactly as many tokens as the client's run before it (up to {DecodingComparison.MaxTokens}).

            """);
        report.Append(new MarkdownTable().Left("path").Right("median ms").Right("prompt tokens").Right("generated tokens (mean)")
            .Row($"LocalChatClient (template, tokenize, pool, sample, decode, parse)", $"{Median(ours.Select(r => r.Ms)):F1}", $"{ours[0].PromptTokens}", $"{ours.Average(r => r.GeneratedTokens):F0}")
            .Row($"raw BatchedExecutor + DefaultSamplingPipeline", $"{Median(raw.Select(r => r.Ms)):F1}", $"{raw[0].PromptTokens}", $"{raw.Average(r => r.GeneratedTokens):F0}"));
        report.AppendLine(Inv, $"\nClient / raw time, median of per-run ratios: **{Median(ratios):F2}x**.\n");

        var speed = await ThroughputAsync(model, client);
        report.AppendLine("## Speed (cold cache, tool prompt)\n");
        report.Append(new MarkdownTable().Right("prompt tokens").Right("prompt tokens/s").Right("generated tokens").Right("generation tokens/s")
            .Row($"{speed.PromptTokens}", $"{speed.PromptTokens / Math.Max(1e-9, speed.PromptTime.TotalSeconds):F0}", $"{speed.OutputTokens}",
                $"{speed.OutputTokens / Math.Max(1e-9, speed.GenerationTime.TotalSeconds):F0}"));
        report.AppendLine();
    }

    private static async Task<GenerationStats> ThroughputAsync(LocalModel model, LocalChatClient client)
    {
        var tools = BenchTools.Create();
        var text = new GemmaPromptFormatter().Format(
            [new ChatMessage(ChatRole.User, "Check the potassium of patient 123.")], tools.Cast<AIFunctionDeclaration>().ToList());
        var prompt = new PromptInput(text, model.Tokenize(text));
        await model.ClearCacheAsync();
        var stats = new GenerationStats();
        var settings = new GenerationSettings(128, 0.8f, 7, Grammar: null);
        await foreach (var _ in model.GenerateAsync(prompt, settings, stats, CancellationToken.None))
        {
        }

        return stats;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static void Progress(string message) => Console.Error.WriteLine($"[runtime] {message}");
}
