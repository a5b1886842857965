using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// A judging run: builds the pairs (two runs on the same tasks, or one run against the tasks' reference answers),
/// judges those not yet in the judgments file and appends each as it is done, then summarises the whole file.
/// </summary>
public sealed class JudgeSession(PairwiseJudge judge)
{
    /// <summary>The name B carries when the run is judged against the reference answers.</summary>
    public const string ReferenceName = "reference";

    /// <summary>
    /// The pairs, in task-file order: with <paramref name="runB"/>, every task both runs finished; without, every task
    /// of <paramref name="runA"/> against its reference answer (<see cref="TaskExpectation.Reference"/> for a free-text
    /// question, the expected outcome otherwise).
    /// </summary>
    /// <param name="tasks">The task file the runs were made on.</param>
    /// <param name="nameA">Run A's name.</param>
    /// <param name="runA">Run A's results.</param>
    /// <param name="nameB">Run B's name (ignored without <paramref name="runB"/>).</param>
    /// <param name="runB">Run B's results, or null to judge against the reference.</param>
    /// <param name="categories">Only these categories; null or empty for all.</param>
    /// <exception cref="InvalidDataException">The runs share no task with the task file.</exception>
    public static IReadOnlyList<JudgeItem> Pairs(IReadOnlyList<BenchTask> tasks, string nameA, IReadOnlyList<TaskResult> runA,
        string? nameB, IReadOnlyList<TaskResult>? runB, IReadOnlyCollection<int>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(runA);
        var a = runA.ToDictionary(r => r.TaskId, StringComparer.Ordinal);
        var b = runB?.ToDictionary(r => r.TaskId, StringComparer.Ordinal);
        var items = new List<JudgeItem>();
        foreach (var task in tasks)
        {
            if (categories is { Count: > 0 } && !categories.Contains(task.Category))
                continue;
            if (!a.TryGetValue(task.Id, out var resultA))
                continue;
            var first = new JudgeCandidate(nameA, CandidateText.Of(resultA), task.Expected is null ? null : resultA.Passed);
            JudgeCandidate second;
            if (b is null)
            {
                if (task.Expected is null)
                    continue;
                second = new JudgeCandidate(ReferenceName, CandidateText.Reference(task), null);
            }
            else if (b.TryGetValue(task.Id, out var resultB))
            {
                second = new JudgeCandidate(nameB ?? "B", CandidateText.Of(resultB), task.Expected is null ? null : resultB.Passed);
            }
            else
            {
                continue;
            }

            items.Add(new JudgeItem(task.Id, task.Category, CandidateText.Question(task), first, second));
        }

        return items.Count > 0
            ? items
            : throw new InvalidDataException(runB is null
                ? "No task of the run has a reference answer in the task file (or in the chosen categories): judge the run on the task file it was made on."
                : "The two runs share no task of the task file (or of the chosen categories): judge runs made on the same tasks.");
    }

    /// <summary>Judges the pairs not yet in <paramref name="path"/>, appending each; returns the summary of the whole file.</summary>
    /// <param name="items">The pairs.</param>
    /// <param name="path">The judgments file (JSONL).</param>
    /// <param name="progress">Reports (done, total) after each pair, counting those already judged.</param>
    /// <param name="cancellationToken">Stops between pairs; a pair cut off is not written.</param>
    public async Task<JudgeSummary> RunAsync(IReadOnlyList<JudgeItem> items, string path, IProgress<(int Done, int Total)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var existing = JudgmentFile.Read(path);
        var done = existing.Select(j => (j.TaskId, j.A, j.B)).ToHashSet();
        var judgments = existing.Where(j => items.Any(i => i.TaskId == j.TaskId && i.A.Source == j.A && i.B.Source == j.B)).ToList();
        var finished = judgments.Count;
        progress?.Report((finished, items.Count));
        foreach (var item in items.Where(i => !done.Contains((i.TaskId, i.A.Source, i.B.Source))))
        {
            var judgment = await judge.JudgeAsync(item, cancellationToken).ConfigureAwait(false);
            JudgmentFile.Append(path, judgment);
            judgments.Add(judgment);
            progress?.Report((++finished, items.Count));
        }

        return JudgeSummary.Of(judgments);
    }
}
