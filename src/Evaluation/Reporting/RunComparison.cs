using System.Globalization;
using System.Text;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>
/// Two runs side by side, task by task: the totals per category with their 95% Wilson intervals, a paired test per
/// category (<see cref="PairedTest"/>) whose verdict is "no significant difference" unless p &lt; 0.05, and the tasks
/// that changed outcome.
/// </summary>
public static class RunComparison
{
    /// <summary>A Markdown comparison of single run <paramref name="a"/> with single run <paramref name="b"/>.</summary>
    public static string Render(string nameA, IReadOnlyList<TaskResult> a, string nameB, IReadOnlyList<TaskResult> b) =>
        Render(nameA, [a], nameB, [b]);

    /// <summary>A Markdown comparison of run <paramref name="a"/> with run <paramref name="b"/>, each given as its repeats.</summary>
    /// <param name="nameA">Run A's name.</param>
    /// <param name="a">Run A's results, one list per repeat.</param>
    /// <param name="nameB">Run B's name.</param>
    /// <param name="b">Run B's results, one list per repeat.</param>
    /// <param name="bootstrap">The bootstrap for repeated runs; null for <see cref="PairedBootstrap"/>'s defaults.</param>
    public static string Render(string nameA, IReadOnlyList<IReadOnlyList<TaskResult>> a, string nameB, IReadOnlyList<IReadOnlyList<TaskResult>> b,
        PairedBootstrap? bootstrap = null)
    {
        bootstrap ??= new PairedBootstrap();
        var outcomesA = TaskOutcomes.Of(a);
        var outcomesB = TaskOutcomes.Of(b);
        var common = outcomesA.Values.Where(t => outcomesB.ContainsKey(t.TaskId)).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# {nameA} versus {nameB}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Tasks in both: {common.Count} (only in A: {outcomesA.Count - common.Count}, only in B: {outcomesB.Count - common.Count}). ");
        text.Append(CultureInfo.InvariantCulture, $"Repeats: A {a.Count}, B {b.Count}.\n\n");
        var (graderA, graderB) = (GraderOf([.. a.SelectMany(r => r)]), GraderOf([.. b.SelectMany(r => r)]));
        text.Append(CultureInfo.InvariantCulture, $"Grading profiles: A {graderA}, B {graderB}.");
        if (graderA != graderB)
            text.Append(" The runs were graded differently, so a changed task may be the profiles' difference, not the agents'.");
        text.Append("\n\n");
        if (common.Count == 0)
            return text.Append("No task is in both runs, so there is nothing to compare.\n").ToString();

        var single = a.Count == 1 && b.Count == 1;
        if (single)
        {
            text.Append("| | A passed | A failed |\n|---|---|---|\n");
            text.Append(CultureInfo.InvariantCulture, $"| **B passed** | {common.Count(t => t.Passed == 1 && outcomesB[t.TaskId].Passed == 1)} | {common.Count(t => t.Passed == 0 && outcomesB[t.TaskId].Passed == 1)} |\n");
            text.Append(CultureInfo.InvariantCulture, $"| **B failed** | {common.Count(t => t.Passed == 1 && outcomesB[t.TaskId].Passed == 0)} | {common.Count(t => t.Passed == 0 && outcomesB[t.TaskId].Passed == 0)} |\n\n");
        }

        text.Append("## Per category\n\n");
        text.Append(single
            ? "Test: McNemar's exact test on the tasks (two-sided, exact binomial on the tasks only one run passed).\n\n"
            : string.Create(CultureInfo.InvariantCulture, $"Test: paired bootstrap over tasks of each task's pass rate ({bootstrap.Resamples} resamples, seed {bootstrap.Seed}); success is pass@1.\n\n"));
        text.Append("| category | tasks | A | B | B − A | test | p | verdict |\n|---|---|---|---|---|---|---|---|\n");
        text.Append(Row("all", common, outcomesB, bootstrap));
        foreach (var group in common.GroupBy(t => t.Category).OrderBy(g => g.Key))
            text.Append(Row(group.Key.ToString(CultureInfo.InvariantCulture), [.. group], outcomesB, bootstrap));
        text.Append("\nA verdict needs p < 0.05; the per-category tests are not corrected for testing several categories.\n");

        var changed = common.Where(t => t.Rate != outcomesB[t.TaskId].Rate).ToList();
        text.Append("\n## Tasks that changed\n\n");
        if (changed.Count == 0)
            return text.Append("None.\n").ToString();
        text.Append("| task | branch | A | B | why the failing run failed |\n|---|---|---|---|---|\n");
        foreach (var outcome in changed)
        {
            var other = outcomesB[outcome.TaskId];
            var worse = outcome.Rate < other.Rate ? outcome : other;
            var why = (worse.FirstFailure ?? "").Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
            text.Append(CultureInfo.InvariantCulture, $"| {outcome.TaskId} | {outcome.Branch} | {outcome.Verdict} | {other.Verdict} | {why} |\n");
        }

        return text.ToString();
    }

    // Result files written before profiles were graded by ours.
    private static string GraderOf(IReadOnlyList<TaskResult> results) =>
        results.Select(r => r.Grader).FirstOrDefault(g => g is not null) ?? Grading.GradingProfiles.Default;

    private static string Row(string label, IReadOnlyList<TaskOutcome> tasksA, IReadOnlyDictionary<string, TaskOutcome> outcomesB, PairedBootstrap bootstrap)
    {
        var pairs = tasksA.Select(t => new PairedOutcome(t.Passed, t.Tries, outcomesB[t.TaskId].Passed, outcomesB[t.TaskId].Tries)).ToList();
        var test = PairedTest.Compare(pairs, bootstrap);
        var rateA = pairs.Average(p => p.RateA);
        var rateB = pairs.Average(p => p.RateB);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {pairs.Count} | {Rate(rateA, pairs.Count)} | {Rate(rateB, pairs.Count)} | {100 * test.Difference:+0.0;-0.0;0.0} pts | {test.Test} ({test.Detail}) | {Significance.Format(test.PValue)} | {test.Verdict} |\n");
    }

    private static string Rate(double rate, int tasks) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * rate:0.0}% {WilsonInterval.OfRate(rate, tasks).ToPercentText()}");
}
