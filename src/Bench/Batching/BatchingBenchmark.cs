using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.Batching;

/// <summary>
/// <c>batching</c>: throughput of one loaded model at each concurrency level, side by side in one run — agent-like
/// tasks per hour, generated tokens per second, how full the decode batches were, and the process's memory. One model
/// serves every level (<c>Model:MaxConversations</c> = the highest level), its idle cache cleared between levels, as
/// <c>bench run --concurrency N</c> and the served chat share it. Writes the synthetic Gemma 3 270M to a temporary
/// folder unless a model is given (never kept). Progress to stderr, the Markdown report to stdout.
/// </summary>
internal sealed class BatchingBenchmark(BatchingBenchOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!BatchingBenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(BatchingBenchOptions.Usage);
            return 2;
        }

        return await new BatchingBenchmark(options).RunAsync();
    }

    private async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-batching-").FullName;
        try
        {
            if (options.DecodeProbe > 0)
                return await ProbeAsync(folder);
            var modelPath = options.ModelPath ?? WriteSyntheticModel(folder, options.Type);
            var modelOptions = new LocalModelOptions
            {
                ModelPath = modelPath, ContextSize = options.Context, Threads = options.EffectiveThreads, BatchThreads = options.BatchThreads,
                MaxConversations = options.Levels.Max(), MaxOutputTokens = 64,
            };
            using var model = new LocalModel(Options.Create(modelOptions));
            using var client = new LocalChatClient(model, new GemmaPromptFormatter());
            var loaded = Memory.Now();

            var rows = new List<LevelRow>();
            foreach (var (level, index) in options.Levels.Select((l, i) => (l, i)))
            {
                // The masks alternate, and their order flips from one level to the next, so drift in the machine's load
                // falls on both alike.
                var masks = index % 2 == 0 ? options.Masks : options.Masks.Reverse().ToList();
                foreach (var mask in masks)
                {
                    model.GrammarMask = mask;
                    // Every level starts from the same cache: only the shared preamble, evaluated by one unmeasured call (as a
                    // persistent prefix cache would give), so no level pays for it more often than another.
                    await model.ClearCacheAsync();
                    await AgentLikeTask.RunAsync(client, -1, 1, new TaskFigures(), CancellationToken.None);
                    Progress($"{options.Tasks} tasks at concurrency {level}, grammar mask {mask}");
                    rows.Add(await MeasureAsync(model, client, level) with { Mask = mask });
                }
            }

            var report = Report(modelPath, loaded, rows);
            Console.Out.Write(report);
            if (options.OutputPath is not null)
                await File.WriteAllTextAsync(options.OutputPath, report);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string WriteSyntheticModel(string folder, GgmlType type = GgmlType.Q8_0)
    {
        var path = Path.Combine(folder, $"gemma3-270m-synthetic-{type.ToString().ToLowerInvariant()}.gguf");
        Progress($"writing the synthetic Gemma 3 270M ({type})");
        var vocabulary = GemmaTokenizerJson.Read(GemmaTokenizerLocation.Resolve(options.TokenizerPath));
        SyntheticGemmaModel.Save(SyntheticGemmaModel.Build(GemmaShape.Gemma3_270M, vocabulary, type), path);
        return path;
    }

    /// <summary>The raw decode probe: the given model, else the synthetic one in Q8_0 and in F16, one after another.</summary>
    private async Task<int> ProbeAsync(string folder)
    {
        var text = new StringBuilder(DecodeProbe.Header(options.DecodeProbe));
        var models = options.ModelPath is { } model
            ? [(model, Path.GetFileName(model))]
            : DecodeProbe.Types.Select(t => (Path: "", Label: t.ToString())).ToList();
        foreach (var (given, label) in models)
        {
            var path = given.Length > 0 ? given : WriteSyntheticModel(folder, Enum.Parse<GgmlType>(label));
            foreach (var idle in new[] { 0, 2400 })
            {
                Progress($"probing {label}, {idle} other cells");
                foreach (var row in DecodeProbe.Run(path, label, options.DecodeProbe, idle, [1, 2]))
                    text.AppendLine(row);
            }

            if (given.Length == 0)
                File.Delete(path);
        }

        Console.Out.Write(text.ToString());
        if (options.OutputPath is not null)
            await File.WriteAllTextAsync(options.OutputPath, text.ToString());
        return 0;
    }

    private async Task<LevelRow> MeasureAsync(LocalModel model, LocalChatClient client, int level)
    {
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, options.Tasks));
        var figures = new TaskFigures();
        var before = model.DecodeCounters;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, level).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var index))
                await AgentLikeTask.RunAsync(client, index, options.Turns, figures, CancellationToken.None);
        })));
        var wall = watch.Elapsed.TotalSeconds;
        var after = model.DecodeCounters;
        return new LevelRow(level, wall, figures, after.Steps - before.Steps, after.ConversationSteps - before.ConversationSteps, after.Time.Since(before.Time), Memory.Now());
    }

    private string Report(string modelPath, Memory loaded, List<LevelRow> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Batching benchmark\n\nModel `{Path.GetFileName(modelPath)}`, {options.Tasks} agent-like tasks per level, {options.Turns} model calls each " +
            $"(JSON tool call under a schema grammar, then a tool result), {options.EffectiveThreads} threads ({(options.BatchThreads > 0 ? options.BatchThreads : options.EffectiveThreads)} for a batch), context {options.Context}, " +
            $"{Environment.ProcessorCount} logical cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC. One loaded model serves every level.\n");
        text.AppendLine("| concurrency | grammar mask | wall s | tasks/hour | model calls/hour | generated tokens/s | prompt tokens evaluated | decode calls | conversations per decode call | working set MiB | private MiB |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(Inv, $"| {row.Level} | {row.Mask} | {row.WallS:0.0} | {options.Tasks / row.WallS * 3600:0} | {row.Figures.Calls / row.WallS * 3600:0} | " +
                $"{row.Figures.OutputTokens / row.WallS:0.0} | {row.Figures.EvaluatedPromptTokens} | {row.Steps} | {(double)row.ConversationSteps / Math.Max(1, row.Steps):0.00} | " +
                $"{row.Memory.WorkingSetMiB:0} | {row.Memory.PrivateMiB:0} |");
        }

        var lowest = rows.Min(m => m.Level);
        foreach (var mask in options.Masks)
        {
            var baseline = rows.Where(r => r.Level == lowest && r.Mask == mask).Average(r => options.Tasks / r.WallS);
            foreach (var group in rows.Where(r => r.Level != lowest && r.Mask == mask).GroupBy(r => r.Level))
                text.AppendLine(Inv, $"\nTasks/hour at concurrency {group.Key} / concurrency {lowest}, grammar mask {mask}: **{group.Average(r => options.Tasks / r.WallS) / baseline:0.00}×**");
        }

        if (options.Masks.Count > 1)
        {
            foreach (var group in rows.GroupBy(r => r.Level))
            {
                var full = group.Where(r => r.Mask == GrammarMaskMode.Full).Average(r => options.Tasks / r.WallS);
                var levels = group.Where(r => r.Mask == GrammarMaskMode.Levels).Average(r => options.Tasks / r.WallS);
                text.AppendLine(Inv, $"\nTasks/hour at concurrency {group.Key}, grammar mask by levels / full: **{levels / full:0.00}×**");
            }
        }

        text.AppendLine("\nWhere the scheduler's time went (s; candidates fill, chain and grammar are parts of sampling):\n");
        text.AppendLine("| concurrency | grammar mask | decode | sampling | candidates fill | chain | grammar | samples | full-vocabulary grammar | grammar checks per full-vocabulary sample | decode ms per token | sampling ms per token |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            var t = row.Time;
            text.AppendLine(Inv, $"| {row.Level} | {row.Mask} | {t.Decode.TotalSeconds:0.00} | {t.Sampling.TotalSeconds:0.00} | {t.Copy.TotalSeconds:0.00} | " +
                $"{t.Chain.TotalSeconds:0.00} | {t.Grammar.TotalSeconds:0.00} | {t.Samples} | {t.FullGrammarSamples} | {(double)t.GrammarChecks / Math.Max(1, t.FullGrammarSamples):0} | " +
                $"{t.Decode.TotalMilliseconds / Math.Max(1, t.Samples):0.0} | {t.Sampling.TotalMilliseconds / Math.Max(1, t.Samples):0.0} |");
        }

        text.AppendLine(Inv, $"\nMemory after loading: working set {loaded.WorkingSetMiB:0} MiB, private {loaded.PrivateMiB:0} MiB; peak working set over the run {Memory.Now().PeakWorkingSetMiB:0} MiB.");
        return text.ToString();
    }

    private static void Progress(string what) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");

    private sealed record LevelRow(int Level, double WallS, TaskFigures Figures, long Steps, long ConversationSteps, StepTimes Time, Memory Memory)
    {
        public GrammarMaskMode Mask { get; init; } = GrammarMaskMode.Levels;
    }

    /// <summary>The process's memory now, in MiB.</summary>
    private sealed record Memory(double WorkingSetMiB, double PrivateMiB, double PeakWorkingSetMiB)
    {
        public static Memory Now()
        {
            using var process = Process.GetCurrentProcess();
            return new Memory(process.WorkingSet64 / 1048576.0, process.PrivateMemorySize64 / 1048576.0, process.PeakWorkingSet64 / 1048576.0);
        }
    }
}
