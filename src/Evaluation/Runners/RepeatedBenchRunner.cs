using System.Text.Json;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Runs an agent <paramref name="repeats"/> times over a task set, each repeat with its own seed
/// (<see cref="RepeatFolders.Seed"/>) and folder (<see cref="RepeatFolders"/>); one repeat keeps the single-run layout.
/// Each repeat resumes on its own, so an interrupted repeated run continues where it stopped.
/// </summary>
/// <param name="agentFor">Makes the agent of one repeat from its seed (the model samples with it).</param>
/// <param name="runFolder">The run folder.</param>
/// <param name="repeats">Repeats, at least 1.</param>
/// <param name="baseSeed">The seed of repeat 1.</param>
/// <param name="concurrency">Tasks at once within a repeat.</param>
/// <param name="reference">The oracle, for failure analysis.</param>
public sealed class RepeatedBenchRunner(Func<uint, IBenchAgent> agentFor, string runFolder, int repeats, uint baseSeed, int concurrency = 1, IBenchAgent? reference = null)
{
    /// <summary>The grading profiles every repeat is graded with (ours by default).</summary>
    public IReadOnlyList<Grading.ITaskGrader> Graders { get; init; } = [new Grading.ClinicalAgentGrader()];

    /// <summary>Runs every repeat; returns one summary per repeat.</summary>
    /// <param name="tasks">The task set.</param>
    /// <param name="manifest">The run's manifest; each repeat's gets its seed.</param>
    /// <param name="progress">Reports (finished, total) over all repeats.</param>
    /// <param name="cancellationToken">Stops starting tasks.</param>
    /// <exception cref="InvalidOperationException">The folder holds a run of another agent, or a run with another repeat count.</exception>
    public async Task<IReadOnlyList<RunSummary>> RunAsync(IReadOnlyList<BenchTask> tasks, RunManifest manifest, IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (repeats == 1)
        {
            if (RepeatFolders.Manifest(runFolder) is { Repeats: > 1 } repeated)
                throw new InvalidOperationException($"{Path.GetFullPath(runFolder)} holds a run of {repeated.Repeats} repeats, not 1: choose another --out.");
            var single = new BenchRunner(agentFor(baseSeed), runFolder, concurrency, reference) { Graders = Graders };
            return [await single.RunAsync(tasks, manifest with { Seed = baseSeed }, progress, cancellationToken).ConfigureAwait(false)];
        }

        CheckManifest(manifest with { Repeats = repeats, Seed = baseSeed });
        var summaries = new List<RunSummary>(repeats);
        for (var repeat = 1; repeat <= repeats; repeat++)
        {
            var seed = RepeatFolders.Seed(baseSeed, repeat);
            var offset = (repeat - 1) * tasks.Count;
            var inner = progress is null ? null : new Progress<(int Done, int Total)>(p => progress.Report((offset + p.Done, repeats * tasks.Count)));
            var runner = new BenchRunner(agentFor(seed), RepeatFolders.Folder(runFolder, repeat), concurrency, reference) { Graders = Graders };
            summaries.Add(await runner.RunAsync(tasks, manifest with { Seed = seed }, inner, cancellationToken).ConfigureAwait(false));
        }

        return summaries;
    }

    private void CheckManifest(RunManifest manifest)
    {
        var path = ResultFiles.ManifestPath(runFolder);
        if (File.Exists(path))
        {
            var existing = RepeatFolders.Manifest(runFolder);
            if (existing is not null && existing.Agent != manifest.Agent)
                throw new InvalidOperationException($"{Path.GetFullPath(runFolder)} holds a run of agent '{existing.Agent}', not '{manifest.Agent}': choose another --out.");
            if (existing is not null && (existing.Repeats ?? 1) != repeats)
                throw new InvalidOperationException($"{Path.GetFullPath(runFolder)} holds a run of {existing.Repeats ?? 1} repeat(s), not {repeats}: choose another --out.");
            return;
        }

        if (Directory.Exists(ResultFiles.ResultsFolder(runFolder)))
            throw new InvalidOperationException($"{Path.GetFullPath(runFolder)} holds a single run, not {repeats} repeats: choose another --out.");
        ResultFiles.WriteAtomically(path, JsonSerializer.Serialize(manifest, ResultFiles.Json));
    }
}
