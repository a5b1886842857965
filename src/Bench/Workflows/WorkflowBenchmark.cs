using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.Workflows;

/// <summary>
/// <c>workflows</c>: trigger-to-first-step latency (a FHIR create to the first step starting, through the change
/// feed), instances per second of a five-step workflow without model steps (durable checkpoints on), and the cost
/// of one checkpoint. Each part runs on a fresh store in a temporary folder.
/// </summary>
public static class WorkflowBenchmark
{
    private const string PatientId = BenchScratch.PatientId;

    public static Task<int> RunAsync(string[] args) =>
        BenchHost.RunAsync<WorkflowBenchOptions>(args, WorkflowBenchOptions.TryParse, WorkflowBenchOptions.Usage, ReportAsync, options => options.OutputPath);

    private static async Task<string> ReportAsync(WorkflowBenchOptions options)
    {
        var report = new StringBuilder();
        var machine = MachineFacts.Current();
        report.Append($"# Workflow benchmark\n\n{machine.Cores} cores, {machine.Cpu}, {machine.Os}, {machine.Runtime}, SQLite {machine.Sqlite}\n\n");
        var latency = await TriggerLatencyAsync(options);
        Line(report, $"Trigger to first step ({options.Events} FHIR creates, poll {options.PollMs} ms): p50 {latency.P50:0.0} ms, p95 {latency.P95:0.0} ms, p99 {latency.P99:0.0} ms, mean {latency.Mean:0.0} ms");
        // The former ways first (a match search, then a commit, per change), then the batched one: side by side in one run.
        foreach (var (match, start, way) in new[] { (1, 1, "one match search and one commit per change"), (50, 1, "one match search per 50 changes, one commit per change"), (50, 500, "one match search per 50 changes, one commit per read batch") })
        {
            var lag = await TriggerLagUnderLoad.MeasureAsync(BenchWorkflows.Triggered, options.Rate, options.Writes, options.PollMs, match, start);
            Line(report, $"Trigger lag under {options.Rate} writes/s ({options.Writes} FHIR creates, {way}): p50 {lag.Total.P50:0.0} ms, p95 {lag.Total.P95:0.0} ms, {lag.Total.Count} started; write to created p50 {lag.ToCreated.P50:0} ms (p95 {lag.ToCreated.P95:0}), created to first step p50 {lag.CreatedToFirstStep.P50:0} ms (p95 {lag.CreatedToFirstStep.P95:0})");
        }

        var (perSecond, stepsPerSecond) = await ThroughputAsync(options);
        Line(report, $"Five-step workflow, no model ({options.Instances} instances, {options.Concurrency} at once, durable): {perSecond:0.0} instances/s ({stepsPerSecond:0} steps/s)");
        var checkpoint = await CheckpointCostAsync(options);
        Line(report, $"Checkpoint per step ({options.Checkpoints} commits: state + variables + journal, one SQLite transaction): p50 {checkpoint.P50 * 1000:0} µs, p95 {checkpoint.P95 * 1000:0} µs, mean {checkpoint.Mean * 1000:0} µs");
        return report.ToString();
    }

    private static async Task<LatencyStats> TriggerLatencyAsync(WorkflowBenchOptions options)
    {
        using var scratch = new BenchScratch(("triggered", BenchWorkflows.Triggered));
        await using var host = new WorkflowHost(scratch.Engine, new WorkflowEngineOptions { PollInterval = TimeSpan.FromMilliseconds(options.PollMs) }, scratch.Fhir, scratch.Changes);
        await host.StartAsync();
        var samples = new List<double>();
        for (var i = 0; i < options.Events; i++)
        {
            var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnStep(StepStarted step)
            {
                if (step.StepsDone == 0)
                {
                    first.TrySetResult();
                }
            }

            scratch.Engine.StepStarting += OnStep;
            var clock = Stopwatch.StartNew();
            await scratch.AddLabAsync(3.1m);
            await first.Task.WaitAsync(TimeSpan.FromSeconds(30));
            samples.Add(clock.Elapsed.TotalMilliseconds);
            scratch.Engine.StepStarting -= OnStep;
            await host.WaitIdleAsync(TimeSpan.FromSeconds(30));
        }

        return LatencyStats.Of(samples);
    }

    private static async Task<(double Instances, double Steps)> ThroughputAsync(WorkflowBenchOptions options)
    {
        using var scratch = new BenchScratch(("five", BenchWorkflows.FiveSteps));
        await scratch.AddLabAsync(3.1m);
        await scratch.Engine.StartAndRunAsync("five", new StartRequest(PatientId));
        var engine = new WorkflowEngine(scratch.Engine.Catalog, scratch.Store, scratch.Engine.Services, new WorkflowEngineOptions { MaxConcurrentInstances = options.Concurrency });
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.Instances; i++)
        {
            await engine.StartAsync("five", new StartRequest(PatientId));
        }

        var results = await engine.ResumeAllAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        var failed = results.Count(r => r.Status != InstanceStatus.Completed);
        if (failed > 0 || results.Count != options.Instances)
        {
            throw new InvalidOperationException($"{failed} of {results.Count} instances did not complete: {results.First(r => r.Status != InstanceStatus.Completed).Error}");
        }

        return (options.Instances / seconds, results.Sum(r => r.StepsDone) / seconds);
    }

    private static async Task<LatencyStats> CheckpointCostAsync(WorkflowBenchOptions options)
    {
        using var scratch = new BenchScratch(("five", BenchWorkflows.FiveSteps));
        var (instance, _) = await scratch.Store.CreateAsync(new NewInstance("five", "lab", new JsonObject { ["patient"] = PatientId }, null, PatientId));
        // Variables the size of a five-step run's: a query result with its first resource, and a few outputs.
        var variables = (JsonObject)instance.Variables.DeepClone();
        variables["lab"] = new JsonObject { ["count"] = 1, ["first"] = JsonNode.Parse("""{"resourceType":"Observation","id":"0192","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2823-3"}]},"valueQuantity":{"value":3.1,"unit":"mmol/L"}}"""), ["value"] = 3.1 };
        variables["order"] = new JsonObject { ["id"] = "0193", ["reference"] = "ServiceRequest/0193" };
        var samples = new List<double>(options.Checkpoints);
        for (var i = 0; i < options.Checkpoints; i++)
        {
            var checkpoint = new StepCheckpoint(instance.Id, InstanceStatus.Running, "low", variables, true)
            {
                Journal = [("lab", "step_completed", new JsonObject { ["type"] = "Observation", ["count"] = 1 })],
            };
            var clock = Stopwatch.StartNew();
            await scratch.Store.CheckpointAsync(checkpoint);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        return LatencyStats.Of(samples);
    }

    // Each figure's line, formatted with the invariant culture: the report reads the same on any machine.
    private static void Line(StringBuilder report, FormattableString text) => report.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
