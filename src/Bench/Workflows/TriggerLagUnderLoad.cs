using System.Collections.Concurrent;
using System.Diagnostics;
using ClinicalAgent.Bench.Store;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;

namespace ClinicalAgent.Bench.Workflows;

/// <summary>
/// The FHIR trigger's lag under a steady stream of writes: labs created at a fixed rate, each starting a workflow;
/// lag = first step's start − the lab's commit, split at the instance's creation (its commit time in the store) into
/// the trigger's part (feed read, match search, create) and the run's part (queue, claim, first step). Measured with
/// the match search asking about one change at a time or about many at once, and with one commit per started
/// instance (the former way) or one per read batch.
/// </summary>
internal static class TriggerLagUnderLoad
{
    /// <summary>The lag and its two parts, in milliseconds.</summary>
    public sealed record Lag(LatencyStats Total, LatencyStats ToCreated, LatencyStats CreatedToFirstStep);

    public static async Task<Lag> MeasureAsync(string workflowYaml, int rate, int writes, int pollMs, int matchChunk, int startChunk)
    {
        using var scratch = new BenchScratch(("triggered", workflowYaml));
        await using var host = new WorkflowHost(scratch.Engine, new WorkflowEngineOptions { PollInterval = TimeSpan.FromMilliseconds(pollMs) }, scratch.Fhir, scratch.Changes);
        host.FhirTrigger!.MatchChunk = matchChunk;
        host.FhirTrigger.StartChunk = startChunk;
        await host.StartAsync();

        // Wall-clock times (Unix ms), so the store's creation stamp sits on the same axis.
        var clock = Stopwatch.StartNew();
        var origin = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - clock.Elapsed.TotalMilliseconds;
        double Now() => origin + clock.Elapsed.TotalMilliseconds;
        var firstStep = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        void OnStep(StepStarted step)
        {
            if (step.StepsDone == 0)
                firstStep.TryAdd(step.InstanceId, Now());
        }

        scratch.Engine.StepStarting += OnStep;
        var written = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < writes; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
            var lab = await scratch.AddLabAsync(3.1m);
            written[lab.Resource.Id!] = Now();
        }

        var deadline = clock.Elapsed + TimeSpan.FromSeconds(120);
        while (firstStep.Count < writes && clock.Elapsed < deadline)
            await Task.Delay(50);
        scratch.Engine.StepStarting -= OnStep;
        await host.WaitIdleAsync(TimeSpan.FromSeconds(60));

        var (total, toCreated, toFirstStep) = (new List<double>(), new List<double>(), new List<double>());
        foreach (var instance in await scratch.Store.ListAsync(limit: writes * 2))
        {
            var labId = instance.Variables["trigger"]?["id"]?.GetValue<string>();
            if (labId is not null && written.TryGetValue(labId, out var at) && firstStep.TryGetValue(instance.Id, out var started))
            {
                var created = instance.Created.ToUnixTimeMilliseconds();
                total.Add(started - at);
                toCreated.Add(created - at);
                toFirstStep.Add(started - created);
            }
        }

        return new Lag(LatencyStats.Of(total), LatencyStats.Of(toCreated), LatencyStats.Of(toFirstStep));
    }
}
