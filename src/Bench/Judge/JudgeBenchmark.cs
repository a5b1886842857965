using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Evaluation.Judging;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
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
    private static readonly DateTimeOffset Now = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(string[] args)
    {
        if (!JudgeBenchOptions.TryParse(args, out var options, out var error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(JudgeBenchOptions.Usage);
            return 2;
        }

        return await new JudgeBenchmark(options).RunAsync();
    }

    private async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("clinicalagent-judge-").FullName;
        try
        {
            var modelPath = options.ModelPath ?? Path.Combine(folder, "tiny-gemma3.gguf");
            if (options.ModelPath is null)
                TinyGemmaModel.Write(modelPath);
            using var store = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = Path.Combine(folder, "store.db") });
            Console.Error.WriteLine($"seeding {options.Patients} patients");
            await store.LoadAsync(new SyntheticPatientGenerator(new SyntheticOptions(options.Patients, 7, Now)).Generate());
            var tasks = await new FreeTextQuestions(store).GenerateAsync(options.Pairs, 1, Now);
            var oracle = await RunAsync(new OracleAgent(store), tasks, Path.Combine(folder, "oracle"));
            var nothing = await RunAsync(new NothingAgent(), tasks, Path.Combine(folder, "nothing"));
            var items = JudgeSession.Pairs(tasks, "oracle", oracle, "nothing", nothing);

            Console.Error.WriteLine($"judging {items.Count} pairs with the scripted judge");
            var scripted = await MeasureAsync(new ScriptedChoiceClient(), items, Path.Combine(folder, "scripted.jsonl"));
            using var local = new LocalChatClient(
                new LocalModel(Options.Create(new LocalModelOptions { ModelPath = modelPath, ContextSize = options.Context, Threads = options.EffectiveThreads, BatchSize = 512 })),
                new GemmaPromptFormatter(), ownsModel: true);
            Console.Error.WriteLine($"judging {items.Count} pairs with {Path.GetFileName(modelPath)}");
            var model = await MeasureAsync(local, items, Path.Combine(folder, "model.jsonl"));

            var report = Report(Path.GetFileName(modelPath), items.Count, [("scripted judge", scripted), ($"{Path.GetFileName(modelPath)} (llama.cpp)", model)]);
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
        text.Append("| Judge | Calls/pair | Prompt tokens/pair | Generated tokens/pair | ms/pair | Pairs/min | Consistency | Agreement with grader | Forced reads |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---|---|---:|\n");
        foreach (var (name, (summary, wall)) in rows)
        {
            text.Append(Inv, $"| {name} | {summary.CallsPerPair:0.##} | {summary.InputTokensPerPair:0} | {summary.OutputTokensPerPair:0.#} | {summary.WallMsPerPair:0.0} | {summary.Pairs / wall * 60:0.#} | {summary.Consistency} | {summary.Agreement} | {summary.Forced} |\n");
        }

        if (rows.Count == 2 && rows[0].Run.Summary.WallMsPerPair > 0)
            text.Append(Inv, $"\nThe model judge takes {rows[1].Run.Summary.WallMsPerPair / rows[0].Run.Summary.WallMsPerPair:0}× the scripted judge's time per pair: the pipeline's own cost is negligible beside the model's ({model}).\n");
        return text.ToString();
    }
}
