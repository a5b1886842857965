using System.Globalization;
using System.Text;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Two runs side by side, task by task: which tasks changed outcome, and the totals per category.</summary>
public static class RunComparison
{
    /// <summary>A Markdown comparison of run <paramref name="a"/> with run <paramref name="b"/>.</summary>
    public static string Render(string nameA, IReadOnlyList<TaskResult> a, string nameB, IReadOnlyList<TaskResult> b)
    {
        var byId = b.ToDictionary(r => r.TaskId, StringComparer.Ordinal);
        var common = a.Where(r => byId.ContainsKey(r.TaskId)).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"# {nameA} versus {nameB}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Tasks in both: {common.Count} (only in A: {a.Count - common.Count}, only in B: {b.Count - common.Count}).\n\n");
        var (graderA, graderB) = (GraderOf(a), GraderOf(b));
        text.Append(CultureInfo.InvariantCulture, $"Grading profiles: A {graderA}, B {graderB}.");
        if (graderA != graderB)
            text.Append(" The runs were graded differently, so a changed task may be the profiles' difference, not the agents'.");
        text.Append("\n\n| | A passed | A failed |\n|---|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| **B passed** | {common.Count(r => r.Passed && byId[r.TaskId].Passed)} | {common.Count(r => !r.Passed && byId[r.TaskId].Passed)} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| **B failed** | {common.Count(r => r.Passed && !byId[r.TaskId].Passed)} | {common.Count(r => !r.Passed && !byId[r.TaskId].Passed)} |\n\n");

        text.Append("## Per category\n\n| category | A | B | B − A |\n|---|---|---|---|\n");
        foreach (var group in common.GroupBy(r => r.Category).OrderBy(g => g.Key))
        {
            var passedA = group.Count(r => r.Passed);
            var passedB = group.Count(r => byId[r.TaskId].Passed);
            text.Append(CultureInfo.InvariantCulture, $"| {group.Key} | {passedA}/{group.Count()} | {passedB}/{group.Count()} | {passedB - passedA:+0;-0;0} |\n");
        }

        var changed = common.Where(r => r.Passed != byId[r.TaskId].Passed).ToList();
        text.Append("\n## Tasks that changed\n\n");
        if (changed.Count == 0)
            return text.Append("None.\n").ToString();
        text.Append("| task | branch | A | B | why the failing run failed |\n|---|---|---|---|---|\n");
        foreach (var r in changed)
        {
            var other = byId[r.TaskId];
            var failing = r.Passed ? other : r;
            var why = (failing.Failures.FirstOrDefault() ?? failing.StoppedReason).Replace("|", "\\|", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"| {r.TaskId} | {r.Branch} | {Verdict(r)} | {Verdict(other)} | {why} |\n");
        }

        return text.ToString();
    }

    // Result files written before profiles were graded by ours.
    private static string GraderOf(IReadOnlyList<TaskResult> results) =>
        results.Select(r => r.Grader).FirstOrDefault(g => g is not null) ?? Grading.GradingProfiles.Default;

    private static string Verdict(TaskResult r) => r.Passed ? "pass" : "fail";
}
