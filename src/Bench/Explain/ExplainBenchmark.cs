using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Evaluation.Explaining;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Bench.Explain;

/// <summary>
/// <c>explain</c>: the cost of <c>bench explain</c> per failed task (replays, model calls, tokens, wall time) with a
/// scripted agent (a wrong patient at step 1, so the machinery's own cost shows) and with the tiny model (or the one
/// given), beside the cost of the run it explains. Builds a temporary store and task set (categories 1–10). Progress to
/// stderr, the Markdown report to stdout.
/// </summary>
internal sealed class ExplainBenchmark(ExplainBenchOptions options)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly DateTimeOffset Now = BenchFolder.DatasetNow;

    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<ExplainBenchOptions>(args, ExplainBenchOptions.TryParse, ExplainBenchOptions.Usage, options => new ExplainBenchmark(options).ReportAsync(), options => options.OutputPath);

    private async Task<string> ReportAsync()
    {
        using var folder = BenchFolder.Create("clinicalagent-explain-");
        var modelPath = folder.ModelOrTiny(options.ModelPath);
        Progress($"seeding {options.Patients} patients");
        using var store = await folder.SeedStoreAsync(options.Patients, options.Host.Seed);
        var tasks = (await new TaskGenerator(store).GenerateAsync(options.PerCategory, 1, Now)).Tasks.Where(t => t.Category <= 10).ToList();
        var oracle = new OracleAgent(store);
        // A forced first tool call, as the harness benchmark runs the tiny model, so its trajectories have steps to replay.
        var agentOptions = new AgentRunOptions { MaxSteps = options.MaxSteps, RequireToolFirst = true, ChatOptions = new ChatOptions { Seed = 3 } };

        var scripted = new WrongPatientClient(await WrongPatientClient.OracleRunsAsync(oracle, tasks, Question));
        Progress($"scripted agent: {tasks.Count} tasks, then explain");
        var rows = new List<ExplainRow> { await MeasureAsync("scripted agent", scripted, store, oracle, tasks, agentOptions, folder.PathOf("scripted")) };

        var modelOptions = new LocalModelOptions { ModelPath = modelPath, ContextSize = options.Context, Threads = options.Host.EffectiveThreads, MaxOutputTokens = options.MaxTokens, Seed = 3 };
        using var local = new LocalChatClient(new LocalModel(Options.Create(modelOptions)), new GemmaPromptFormatter(), ownsModel: true);
        Progress($"{Path.GetFileName(modelPath)}: {tasks.Count} tasks, then explain");
        rows.Add(await MeasureAsync($"{Path.GetFileName(modelPath)} (llama.cpp)", local, store, oracle, tasks, agentOptions, folder.PathOf("model")));

        return Report(tasks.Count, rows);
    }

    private async Task<ExplainRow> MeasureAsync(string name, IChatClient client, IEmbeddedFhirStore store, IBenchAgent oracle, IReadOnlyList<BenchTask> tasks,
        AgentRunOptions agentOptions, string runFolder)
    {
        var manifest = new RunManifest("model", name, "generated", store.DatabasePath, 1, Now);
        await new BenchRunner(new ModelAgent(store, client, agentOptions), runFolder).RunAsync(tasks, manifest);
        var results = ResultFiles.ReadAll(runFolder);
        var explainer = new CounterfactualExplainer(client, replay => new ModelAgent(store, replay, agentOptions), oracle, new ClinicalAgentGrader(), options.Budget);
        var watch = Stopwatch.StartNew();
        var explained = await explainer.ExplainAsync(results, tasks, options.MaxTasks);
        var wall = watch.Elapsed.TotalMilliseconds;
        var failed = results.Where(r => !r.Passed).ToList();
        return new ExplainRow(name, new ExplainReport("model", name, options.Budget, failed.Count, explained), wall,
            failed.Count == 0 ? 0 : failed.Average(r => r.WallMs), failed.Count == 0 ? 0 : failed.Average(r => r.Steps.Count(s => s.Kind == "model")));
    }

    private string Report(int taskCount, IReadOnlyList<ExplainRow> rows)
    {
        var text = new StringBuilder();
        text.Append(Inv, $"# Cost of bench explain per failed task\n\n{taskCount} tasks (categories 1–10, {options.PerCategory} each) over {options.Patients} patients; budget {options.Budget} replays, "
            + $"at most {options.MaxTasks} failed tasks, {options.MaxSteps} model calls and {options.MaxTokens} output tokens per call, {options.Host.EffectiveThreads} threads, "
            + $"{Environment.ProcessorCount} logical cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.\n\n");
        var table = new MarkdownTable().Left("agent").Right("failed / explained").Right("attributable").Right("replays/task").Right("model calls/task").Right("tokens/task")
            .Right("ms/task").Right("run's ms/task").Right("explain / run time").Right("run's model calls/task");
        foreach (var row in rows)
        {
            var n = Math.Max(1, row.Report.Tasks.Count);
            var perTask = row.WallMs / n;
            table.Row($"{row.Name}", $"{row.Report.Failed} / {row.Report.Tasks.Count}", $"{row.Report.Attributable}", $"{(double)row.Report.Replays / n:0.##}",
                $"{(double)row.Report.ModelCalls / n:0.##}", $"{(double)row.Report.Tokens / n:0}", $"{perTask:0.0}", $"{row.RunMsPerFailed:0.0}",
                $"{(row.RunMsPerFailed > 0 ? perTask / row.RunMsPerFailed : 0):0.0}×", $"{row.RunCallsPerFailed:0.##}");
        }

        text.Append(table);
        text.Append("\nA replay's prefilled replies cost no model call: only the continuation after the substituted step asks the model. "
            + "Each task also runs the oracle once (tool calls only). The tiny model's weights are random, so its decisions are noise; its row shows the cost, not attribution.\n");
        return text.ToString();
    }

    private static string Question(BenchTask task) =>
        PromptLibrary.Render("bench-question", new Dictionary<string, string> { ["instruction"] = task.Instruction, ["context"] = task.Context }).Trim();

    private static void Progress(string what) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");
}
