using System.Diagnostics;
using System.Text.Json;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Runs an agent over a task set into a run folder: <paramref name="concurrency"/> tasks at a time, each graded and
/// written to its own result file as soon as it ends, so an interrupted run resumes where it stopped (finished tasks
/// are skipped). A failed task gets its first departure from the <paramref name="reference"/> agent (the oracle).
/// </summary>
public sealed class BenchRunner(IBenchAgent agent, string runFolder, int concurrency = 1, IBenchAgent? reference = null)
{
    /// <summary>Runs the tasks not yet finished in the folder.</summary>
    /// <param name="tasks">The task set.</param>
    /// <param name="manifest">Written as <c>run.json</c> on a fresh folder; checked against an existing one.</param>
    /// <param name="progress">Reports (finished, total) after each task, counting skipped ones as finished.</param>
    /// <param name="cancellationToken">Stops starting tasks; a task cut off is not written, so a rerun does it again.</param>
    /// <exception cref="InvalidOperationException">The folder holds a run of another agent.</exception>
    public async Task<RunSummary> RunAsync(IReadOnlyList<BenchTask> tasks, RunManifest manifest, IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        CheckManifest(manifest);
        var finished = ResultFiles.Finished(runFolder);
        var pending = tasks.Where(t => !finished.Contains(t.Id)).ToList();
        var done = tasks.Count - pending.Count;
        int passed = 0, errors = 0;
        progress?.Report((done, tasks.Count));

        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (task, token) =>
            {
                var result = await RunOneAsync(task, token).ConfigureAwait(false);
                ResultFiles.Write(runFolder, result);
                if (result.Passed)
                    Interlocked.Increment(ref passed);
                if (result.StoppedReason == "error")
                    Interlocked.Increment(ref errors);
                progress?.Report((Interlocked.Increment(ref done), tasks.Count));
            }).ConfigureAwait(false);

        return new RunSummary(tasks.Count, tasks.Count - pending.Count, pending.Count, passed, errors);
    }

    private async Task<TaskResult> RunOneAsync(BenchTask task, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        TaskRun run;
        try
        {
            run = await agent.RunAsync(task, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // One task's failure (a context overflow, an unreachable server) is that task's result, not the run's end.
            run = new TaskRun($"error: {ex.Message}", null, [], [], "error");
        }

        var wall = watch.Elapsed.TotalMilliseconds;
        var grade = task.Expected is null
            ? new Grade(false, ["The task has no expected outcome, so it cannot be graded."])
            : TaskGrader.Grade(task, run.Answer, run.Posts, run.AnswerText);
        string? departure = null;
        if (!grade.Passed && reference is not null && task.Expected is not null)
        {
            var oracle = await reference.RunAsync(task, cancellationToken).ConfigureAwait(false);
            departure = FailureAnalysis.FirstDeparture(run.Steps, oracle.Steps, grade.Failures);
        }

        var model = run.Steps.Where(s => s.Kind == "model").ToList();
        return new TaskResult(task.Id, task.Category, agent.Name, task.Expected?.Branch, task.Expected?.Action ?? false, grade.Passed, grade.Failures,
            run.AnswerText, run.Answer, run.Posts, run.Steps, run.StoppedReason, run.InvalidAction,
            model.Sum(s => s.InputTokens ?? 0), model.Sum(s => s.OutputTokens ?? 0), model.Sum(s => s.ElapsedMs),
            run.Steps.Where(s => s.Kind is "tool" or "get").Sum(s => s.ElapsedMs), wall, departure);
    }

    private void CheckManifest(RunManifest manifest)
    {
        var path = ResultFiles.ManifestPath(runFolder);
        if (File.Exists(path))
        {
            var existing = JsonSerializer.Deserialize<RunManifest>(File.ReadAllText(path), ResultFiles.Json);
            if (existing is not null && existing.Agent != manifest.Agent)
                throw new InvalidOperationException($"{Path.GetFullPath(runFolder)} holds a run of agent '{existing.Agent}', not '{manifest.Agent}': choose another --out.");
            return;
        }

        ResultFiles.WriteAtomically(path, JsonSerializer.Serialize(manifest, ResultFiles.Json));
    }
}
