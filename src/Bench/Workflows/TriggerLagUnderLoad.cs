using System.Collections.Concurrent;
using System.Diagnostics;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;

namespace ClinicalAgent.Bench.Workflows;

/// <summary>
/// The FHIR trigger's lag under a steady stream of writes: labs created at a fixed rate, each starting a workflow;
/// lag = first step's start − the lab's commit. Measured with the match search asking about one change at a time
/// (the former way) and about <see cref="ClinicalAgent.Workflows.Triggers.FhirChangeTrigger.MatchChunk"/> at once.
/// </summary>
internal static class TriggerLagUnderLoad
{
    public static async Task<LatencyStats> MeasureAsync(string workflowYaml, int rate, int writes, int pollMs, int matchChunk)
    {
        using var scratch = new BenchScratch(("triggered", workflowYaml));
        await using var host = new WorkflowHost(scratch.Engine, new WorkflowEngineOptions { PollInterval = TimeSpan.FromMilliseconds(pollMs) }, scratch.Fhir, scratch.Changes);
        host.FhirTrigger!.MatchChunk = matchChunk;
        await host.StartAsync();

        var clock = Stopwatch.StartNew();
        var firstStep = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        void OnStep(StepStarted step)
        {
            if (step.StepsDone == 0)
                firstStep.TryAdd(step.InstanceId, clock.Elapsed.TotalMilliseconds);
        }

        scratch.Engine.StepStarting += OnStep;
        var written = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < writes; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var lab = await scratch.AddLabAsync(3.1m);
            written[lab.Resource.Id!] = clock.Elapsed.TotalMilliseconds;
        }

        var deadline = clock.Elapsed + TimeSpan.FromSeconds(120);
        while (firstStep.Count < writes && clock.Elapsed < deadline)
            await Task.Delay(50);
        scratch.Engine.StepStarting -= OnStep;
        await host.WaitIdleAsync(TimeSpan.FromSeconds(60));

        var lags = new List<double>();
        foreach (var instance in await scratch.Store.ListAsync(limit: writes * 2))
        {
            var labId = instance.Variables["trigger"]?["id"]?.GetValue<string>();
            if (labId is not null && written.TryGetValue(labId, out var at) && firstStep.TryGetValue(instance.Id, out var started))
                lags.Add(started - at);
        }

        return LatencyStats.Of(lags);
    }
}
