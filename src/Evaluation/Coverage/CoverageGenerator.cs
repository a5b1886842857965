using System.Globalization;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Synthetic;
using Observation = Hl7.Fhir.Model.Observation;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// <c>bench generate --cover</c>: adds tasks to a set, greedily, for the least-visited cells. Each round takes the
/// candidate (<see cref="CoveragePerturbations"/>) that fills the most empty cells, else the one that raises the
/// entropy of the visits most; a candidate that does neither is never added, and the rounds stop when no candidate is
/// left that does (or at <see cref="Limit"/>). A perturbation is added only once the oracle, run on the store, passes
/// it under our grader (a unit perturbation writes its copy of the patient first); a perturbation that does not change what the task tests (same cells as its source) adds
/// nothing and is not a candidate. Deterministic for the same set, store, seed and now.
/// </summary>
public sealed class CoverageGenerator(IFhirGateway gateway)
{
    private const double MinimumGain = 1e-9;

    /// <summary>The most tasks to add.</summary>
    public int Limit { get; init; } = 200;

    /// <summary>Extends <paramref name="tasks"/> (generated at <paramref name="now"/> over the store).</summary>
    public async Task<CoverageExtension> ExtendAsync(IReadOnlyList<BenchTask> tasks, int seed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Limit);
        var patients = await new PatientFactsReader(gateway).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var localCoded = await LocalCodedAsync(cancellationToken).ConfigureAwait(false);
        var seen = tasks.Select(CoverageCandidate.KeyOf).ToHashSet(StringComparer.Ordinal);
        var pool = new CoveragePerturbations(patients, now, seed, localCoded).All().Where(c => seen.Add(c.Key)).ToList();

        var tally = new EntropyTally();
        tally.Add(CoverageVisits.ForTasks(tasks));
        var next = tasks.GroupBy(t => t.Category).ToDictionary(g => g.Key, g => g.Max(t => Number(t.Id)) + 1);
        var added = new List<(BenchTask, string)>();
        var failed = 0;
        var oracle = new OracleAgent(gateway);
        var grader = new ClinicalAgentGrader();
        while (added.Count < Limit)
        {
            var best = Best(pool, tally);
            if (best is null)
                break;
            pool.Remove(best);
            // A unit perturbation's copy of the patient goes into the store first: the oracle must read it. Copies are
            // tagged and left out of task generation, so one whose task is not added changes no other task.
            foreach (var record in best.Records)
                await gateway.UpdateAsync(record, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (best.IsPerturbation && !await PassesAsync(oracle, grader, best.Task, cancellationToken).ConfigureAwait(false))
            {
                failed++;
                continue;
            }

            var category = best.Task.Category;
            var number = next.GetValueOrDefault(category, 1);
            next[category] = number + 1;
            added.Add((best.Task with { Id = string.Create(CultureInfo.InvariantCulture, $"task{category}_{number}") }, best.Kind));
            tally.Add(best.Cells);
        }

        List<BenchTask> all = [.. tasks, .. added.Select(a => a.Item1)];
        return new CoverageExtension(all, added, CoverageMap.Measure(CoverageSpace.Cells, CoverageVisits.ForTasks(tasks)),
            CoverageMap.Measure(CoverageSpace.Cells, CoverageVisits.ForTasks(all)), failed);
    }

    /// <summary>The candidate that fills the most empty cells, else raises the entropy most; null when none does either.</summary>
    private static CoverageCandidate? Best(List<CoverageCandidate> pool, EntropyTally tally)
    {
        CoverageCandidate? best = null;
        var bestFills = 0;
        var bestGain = MinimumGain;
        var entropy = tally.Entropy;
        foreach (var candidate in pool)
        {
            var fills = candidate.Cells.Distinct().Count(c => tally.CountOf(c) == 0);
            var gain = tally.EntropyWith(candidate.Cells) - entropy;
            if (fills > bestFills || (fills == bestFills && gain > bestGain))
            {
                best = candidate;
                bestFills = fills;
                bestGain = gain;
            }
        }

        return best;
    }

    private static async Task<bool> PassesAsync(OracleAgent oracle, ClinicalAgentGrader grader, BenchTask task, CancellationToken cancellationToken)
    {
        try
        {
            var run = await oracle.RunAsync(task, cancellationToken).ConfigureAwait(false);
            return (await grader.GradeAsync(task, run, cancellationToken).ConfigureAwait(false)).Passed;
        }
        catch (InvalidOperationException)
        {
            // The oracle's tool call failed (e.g. a code the tools refuse): the perturbed task cannot be solved as posed.
            return false;
        }
    }

    /// <summary>(category, patient) pairs whose record carries MedAgentBench's local lab code for the category's lab.</summary>
    private async Task<IReadOnlySet<(int, string)>> LocalCodedAsync(CancellationToken cancellationToken)
    {
        var pairs = new HashSet<(int, string)>();
        foreach (var category in LabCodeVariants.Categories)
        {
            var lab = LabCodeVariants.For(category)!;
            var found = await gateway.SearchAllAsync<Observation>("Observation", [new("code", lab.LocalToken), new("_count", "500")], cancellationToken).ConfigureAwait(false);
            foreach (var o in found)
            {
                if (o.Subject?.Reference is { } reference && reference.StartsWith("Patient/", StringComparison.Ordinal))
                    pairs.Add((category, reference["Patient/".Length..]));
            }
        }

        return pairs;
    }

    private static int Number(string id) => int.TryParse(id[(id.IndexOf('_') + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
