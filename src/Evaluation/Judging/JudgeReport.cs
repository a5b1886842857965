using System.Globalization;
using System.Text;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>The judgments as Markdown: the preference, the position consistency, the agreement with the rule graders
/// (each with its 95% interval), per category, and the cost per pair.</summary>
public static class JudgeReport
{
    /// <summary>Renders <paramref name="judgments"/> of A (<paramref name="nameA"/>) against B (<paramref name="nameB"/>).</summary>
    public static string Render(string nameA, string nameB, IReadOnlyList<PairJudgment> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var all = JudgeSummary.Of(judgments);
        var text = new StringBuilder();
        text.Append(Invariant($"# Judge: {nameA} (A) vs {nameB} (B)\n\n"));
        text.Append(Invariant($"- Pairs: {all.Pairs}; mean P(A better) {all.MeanPreference:0.000}; A preferred {all.PreferredA}, B preferred {all.PreferredB}.\n"));
        text.Append(Invariant($"- Position consistency (same answer chosen in both orders): {all.Consistency}.\n"));
        text.Append(Invariant($"- First position chosen (50% = no position bias): {all.FirstPosition}.\n"));
        text.Append(Invariant($"- Agreement with the rule grader (pairs where it prefers one answer): {all.Agreement}.\n"));
        text.Append(Invariant($"- Cost per pair: {all.CallsPerPair:0.##} model calls, {all.InputTokensPerPair:0} prompt + {all.OutputTokensPerPair:0.#} generated tokens, {all.WallMsPerPair:0} ms."));
        if (all.Forced + all.Bounded > 0)
            text.Append(Invariant($" Orders whose second choice was read by a forced call: {all.Forced}; bounded: {all.Bounded}."));
        text.Append("\n\n| Category | Pairs | Mean P(A) | Consistency | Agreement with grader |\n|---|---:|---:|---|---|\n");
        foreach (var group in judgments.GroupBy(j => j.Category).OrderBy(g => g.Key))
        {
            var summary = JudgeSummary.Of([.. group]);
            var name = TaskCategory.Names.TryGetValue(group.Key, out var known) ? known : "";
            text.Append(Invariant($"| {group.Key} {name} | {summary.Pairs} | {summary.MeanPreference:0.000} | {summary.Consistency} | {summary.Agreement} |\n"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
