using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.Harness;

/// <summary>
/// <c>harness</c>: tasks per hour of the agentic benchmark with the model agent at each concurrency level (and their
/// ratio), and the share of each task's wall time spent in the model versus in tools. Builds a temporary store and
/// task set, writes the tiny model unless one is given. Progress to stderr, the Markdown report to stdout.
/// </summary>
internal sealed class HarnessBenchmark(HarnessBenchOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset Now = BenchFolder.DatasetNow;

    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<HarnessBenchOptions>(args, HarnessBenchOptions.TryParse, HarnessBenchOptions.Usage, options => new HarnessBenchmark(options).ReportAsync(), options => options.OutputPath);

    private async Task<string> ReportAsync()
    {
        using var folder = BenchFolder.Create("clinicalagent-harness-");
        var modelPath = folder.ModelOrTiny(options.ModelPath);
        Progress($"seeding {options.Patients} patients");
        using var store = await folder.SeedStoreAsync(options.Patients, options.Host.Seed);
        var tasks = (await new TaskGenerator(store).GenerateAsync(options.PerCategory, 1, Now)).Tasks;

        var rows = new List<(int Concurrency, double WallS, IReadOnlyList<TaskResult> Results)>();
        for (var i = 0; i < options.Levels.Count; i++)
        {
            // A level may repeat (1,4,1) to show the machine's noise; each pass gets a fresh run folder.
            var level = options.Levels[i];
            Progress($"{tasks.Count} tasks at concurrency {level}");
            rows.Add(await MeasureAsync(store, tasks, modelPath, level, folder.PathOf($"run-{i}-c{level}")));
        }

        return Report(modelPath, tasks.Count, rows);
    }

    private async Task<(int, double, IReadOnlyList<TaskResult>)> MeasureAsync(IEmbeddedFhirStore store, IReadOnlyList<BenchTask> tasks, string modelPath, int level, string runFolder)
    {
        var modelOptions = new LocalModelOptions
        {
            ModelPath = modelPath, ContextSize = options.Context, Threads = options.Host.EffectiveThreads, MaxOutputTokens = options.MaxTokens, Seed = 3,
            MaxConversations = level,
        };
        // One model shared by the workers, as `bench run --concurrency` does: their requests decode in one batch.
        using var client = new LocalChatClient(new LocalModel(Options.Create(modelOptions)), new GemmaPromptFormatter(), ownsModel: true);
        var agent = new AgentPool([.. Enumerable.Range(0, level).Select(_ => new ModelAgent(store, client,
            new AgentRunOptions { MaxSteps = options.MaxSteps, RequireToolFirst = true, ChatOptions = new ChatOptions { Seed = 3 } }))]);
        var manifest = new RunManifest(agent.Name, Path.GetFileName(modelPath), "generated", store.DatabasePath, level, DateTimeOffset.UtcNow);
        var watch = Stopwatch.StartNew();
        await new BenchRunner(agent, runFolder, level).RunAsync(tasks, manifest);
        return (level, watch.Elapsed.TotalSeconds, ResultFiles.ReadAll(runFolder));
    }

    private string Report(string modelPath, int taskCount, List<(int Concurrency, double WallS, IReadOnlyList<TaskResult> Results)> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(Inv, $"# Harness benchmark\n\nModel `{Path.GetFileName(modelPath)}`, {taskCount} tasks ({options.PerCategory} per category) over {options.Patients} patients, " +
            $"{options.Host.EffectiveThreads} threads, at most {options.MaxSteps} model calls and {options.MaxTokens} output tokens per call, {Environment.ProcessorCount} logical cores, " +
            $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.\n");
        var table = new MarkdownTable().Left("concurrency").Left("wall s").Left("tasks/hour").Left("model calls").Left("tool calls").Left("time in model")
            .Left("time in tools").Left("other (tool setup, prompt rendering)");
        foreach (var (level, wall, results) in rows)
        {
            var taskWall = results.Sum(r => r.WallMs);
            var model = results.Sum(r => r.ModelMs);
            var tools = results.Sum(r => r.ToolMs);
            table.Row($"{level}", $"{wall:0.0}", $"{results.Count / wall * 3600:0}", $"{results.Sum(r => r.Steps.Count(s => s.Kind == "model"))}",
                $"{results.Sum(r => r.Steps.Count(s => s.Kind == "tool"))}", $"{100 * model / taskWall:0.0}%", $"{100 * tools / taskWall:0.0}%", $"{100 * (taskWall - model - tools) / taskWall:0.0}%");
        }

        text.Append(table);

        // Against the mean of the lowest level's passes: a level may repeat to average out a busy machine.
        var lowest = rows.Min(r => r.Concurrency);
        var baseline = rows.Where(r => r.Concurrency == lowest).Average(r => r.Results.Count / r.WallS);
        foreach (var group in rows.Where(r => r.Concurrency != lowest).GroupBy(r => r.Concurrency))
        {
            var throughput = group.Average(r => r.Results.Count / r.WallS);
            text.AppendLine(Inv, $"\nThroughput at concurrency {group.Key} / concurrency {lowest}: **{throughput / baseline:0.00}×** (mean of each level's passes).");
        }

        text.AppendLine("\nShares are of the summed per-task wall time (with concurrency above 1, tasks overlap: the workers share one loaded model, whose requests decode together in one batch per step).");
        return text.ToString();
    }

    private static void Progress(string what) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");
}
