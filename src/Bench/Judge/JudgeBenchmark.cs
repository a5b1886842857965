using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Evaluation.Judging;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.Judge;

/// <summary>
/// <c>judge</c>: the cost of <c>bench judge</c> per pair — model calls, prompt and generated tokens, wall time — with a
/// scripted judge (the pipeline alone) and with a GGUF judge through the real llama.cpp path (the tiny random-weight
/// model unless one is given), on free-text questions judged as oracle run against do-nothing run, side by side in one
/// run. Progress to stderr, the Markdown report to stdout.
/// </summary>
internal sealed class JudgeBenchmark(JudgeBenchOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset Now = BenchFolder.DatasetNow;

    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<JudgeBenchOptions>(args, JudgeBenchOptions.TryParse, JudgeBenchOptions.Usage, options => new JudgeBenchmark(options).ReportAsync(), options => options.OutputPath);

    private async Task<string> ReportAsync()
    {
        using var folder = BenchFolder.Create("clinicalagent-judge-");
        var modelPath = folder.ModelOrTiny(options.ModelPath);
        Console.Error.WriteLine($"seeding {options.Patients} patients");
        using var store = await folder.SeedStoreAsync(options.Patients, options.Host.Seed);
        var tasks = await new FreeTextQuestions(store).GenerateAsync(options.Pairs, 1, Now);
        var oracle = await RunAsync(new OracleAgent(store), tasks, folder.PathOf("oracle"));
        var nothing = await RunAsync(new NothingAgent(), tasks, folder.PathOf("nothing"));
        var items = JudgeSession.Pairs(tasks, "oracle", oracle, "nothing", nothing);

        Console.Error.WriteLine($"judging {items.Count} pairs with the scripted judge");
        var scripted = await MeasureAsync(new ScriptedChoiceClient(), items, folder.PathOf("scripted.jsonl"));
        using var local = new LocalChatClient(
            new LocalModel(Options.Create(new LocalModelOptions { ModelPath = modelPath, ContextSize = options.Context, Threads = options.Host.EffectiveThreads, BatchSize = 512 })),
            new GemmaPromptFormatter(), ownsModel: true);
        Console.Error.WriteLine($"judging {items.Count} pairs with {Path.GetFileName(modelPath)}");
        var model = await MeasureAsync(local, items, folder.PathOf("model.jsonl"));

        return Report(Path.GetFileName(modelPath), items.Count, [("scripted judge", scripted), ($"{Path.GetFileName(modelPath)} (llama.cpp)", model)]);
    }

    private static async Task<IReadOnlyList<TaskResult>> RunAsync(IBenchAgent agent, IReadOnlyList<BenchTask> tasks, string runFolder)
    {
        await new BenchRunner(agent, runFolder).RunAsync(tasks, new RunManifest(agent.Name, null, "generated", "temp", 1, Now));
        return ResultFiles.ReadAll(runFolder);
    }

    private static async Task<(JudgeSummary Summary, double WallS)> MeasureAsync(IChatClient client, IReadOnlyList<JudgeItem> items, string path)
    {
        var watch = Stopwatch.StartNew();
        var summary = await new JudgeSession(new PairwiseJudge(client, seed: 1)).RunAsync(items, path);
        return (summary, watch.Elapsed.TotalSeconds);
    }

    private static string Report(string model, int pairs, IReadOnlyList<(string Name, (JudgeSummary Summary, double WallS) Run)> rows)
    {
        var text = new StringBuilder();
        text.Append(Inv, $"# Judge cost per pair\n\n{pairs} free-text questions judged as oracle vs do-nothing, both orders each; {Environment.ProcessorCount} logical cores.\n\n");
        var table = new MarkdownTable().Left("Judge").Right("Calls/pair").Right("Prompt tokens/pair").Right("Generated tokens/pair").Right("ms/pair").Right("Pairs/min")
            .Left("Consistency").Left("Agreement with grader").Right("Forced reads");
        foreach (var (name, (summary, wall)) in rows)
        {
            table.Row($"{name}", $"{summary.CallsPerPair:0.##}", $"{summary.InputTokensPerPair:0}", $"{summary.OutputTokensPerPair:0.#}", $"{summary.WallMsPerPair:0.0}",
                $"{summary.Pairs / wall * 60:0.#}", $"{summary.Consistency}", $"{summary.Agreement}", $"{summary.Forced}");
        }

        text.Append(table);
        if (rows.Count == 2 && rows[0].Run.Summary.WallMsPerPair > 0)
            text.Append(Inv, $"\nThe model judge takes {rows[1].Run.Summary.WallMsPerPair / rows[0].Run.Summary.WallMsPerPair:0}× the scripted judge's time per pair: the pipeline's own cost is negligible beside the model's ({model}).\n");
        return text.ToString();
    }
}
