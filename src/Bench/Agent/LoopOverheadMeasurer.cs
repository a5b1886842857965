using System.Diagnostics;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Agent;

/// <summary>Times agent turns over the real tools and store with an instant model, and splits each turn's time.</summary>
internal static class LoopOverheadMeasurer
{
    public static async Task<LoopOverhead> RunAsync(IFhirGateway gateway, IReadOnlyList<AIFunction> tools, int turns, int steps, CancellationToken cancellationToken)
    {
        var patients = await gateway.SearchAsync("Patient", SearchQuery.Parse("_count=1000"), cancellationToken).ConfigureAwait(false);
        var ids = patients.Entry.Select(e => e.Resource).OfType<Patient>().ToList();
        var loop = new List<double>();
        var tool = new List<double>();
        var model = new List<double>();
        // A few untimed turns first, so JIT and SQLite's page cache are warm.
        for (var turn = -5; turn < turns; turn++)
        {
            var patient = ids[(turn + ids.Count * 10) % ids.Count];
            var calls = ToolCallCatalog.For(patient, null).Take(steps).ToList();
            var runner = new ClinicalAgentRunner(new InstantChatClient(calls));
            var clock = Stopwatch.StartNew();
            var answer = await runner.AskAsync("What is in the record?", tools, new AgentRunOptions { MaxSteps = steps + 1, PatientId = patient.Id }, cancellationToken).ConfigureAwait(false);
            var wall = clock.Elapsed.TotalMilliseconds;
            if (answer.StoppedReason != AgentStoppedReason.Answered)
                throw new InvalidOperationException($"A timed turn stopped with {answer.StoppedReason}.");
            if (turn < 0)
                continue;

            var modelSteps = answer.Trace.Where(s => s.Kind == AgentStepKind.Model).ToList();
            var toolSteps = answer.Trace.Where(s => s.Kind == AgentStepKind.Tool).ToList();
            loop.Add((wall - modelSteps.Sum(s => s.ElapsedMs) - toolSteps.Sum(s => s.ElapsedMs)) / modelSteps.Count);
            tool.AddRange(toolSteps.Select(s => s.ElapsedMs));
            model.AddRange(modelSteps.Select(s => s.ElapsedMs));
        }

        return new LoopOverhead(turns, steps + 1, Percentile(loop, 0.5), Percentile(loop, 0.95), Percentile(tool, 0.5), Percentile(model, 0.5));
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
