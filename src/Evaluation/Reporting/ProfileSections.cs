using System.Globalization;
using ClinicalAgent.Evaluation.Grading;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>
/// The report's grading-profile sections: each profile's score, the tasks where two profiles disagree with the rule
/// that decided each verdict, and the published MedAgentBench numbers, shown only beside an official-profile score.
/// </summary>
internal static class ProfileSections
{
    private const string Official = "official";

    /// <summary>The profile a run was graded with; folders written before profiles were graded by ours.</summary>
    public static string GraderOf(BenchReport report) =>
        report.Manifest?.Grader ?? report.Results.Select(r => r.Grader).FirstOrDefault(g => g is not null) ?? GradingProfiles.Default;

    /// <summary>The verdicts of a result, an older file's single verdict being ours.</summary>
    public static IReadOnlyList<ProfileVerdict> VerdictsOf(TaskResult result) =>
        result.Verdicts is { Count: > 0 } verdicts
            ? verdicts
            : [new ProfileVerdict(result.Grader ?? GradingProfiles.Default, result.Passed, result.Failures, result.Failures.FirstOrDefault())];

    public static IEnumerable<ReportTable> For(BenchReport report)
    {
        var byProfile = report.Results.SelectMany(r => VerdictsOf(r).Select(v => (Result: r, Verdict: v)))
            .GroupBy(x => x.Verdict.Profile, StringComparer.Ordinal).ToList();
        yield return new ReportTable("Grading profiles", ["profile", "what it is", "tasks (1–10)", "passed", "success", "95% CI"],
            [.. byProfile.Select(g =>
            {
                var benchmark = g.Where(x => !TaskCategory.IsImage(x.Result.Category)).ToList();
                var score = new CategoryScore(g.Key, benchmark.Count, benchmark.Count(x => x.Verdict.Passed));
                return (IReadOnlyList<string>)[g.Key, Describe(g.Key), Count(score.Tasks), Count(score.Passed), Percent(score.Percent), score.Interval.ToPercentText()];
            })],
            byProfile.Any(g => g.Key == Official)
                ? null
                : "This run was not graded with the official profile, so the published MedAgentBench numbers are not shown beside it: run `bench run --grader official` (or `both`).");

        if (byProfile.Count > 1)
        {
            yield return new ReportTable("Where the profiles differ", ["task", "branch", .. byProfile.Select(g => g.Key), "rule that decided"],
                [.. report.Results.Select(r => (Result: r, Verdicts: VerdictsOf(r))).Where(x => x.Verdicts.Select(v => v.Passed).Distinct().Count() > 1)
                    .Select(x => (IReadOnlyList<string>)
                    [
                        x.Result.TaskId, x.Result.Branch ?? "",
                        .. byProfile.Select(g => x.Verdicts.FirstOrDefault(v => v.Profile == g.Key) is { } v ? (v.Passed ? "pass" : "fail") : "—"),
                        string.Join("; ", x.Verdicts.Select(v => $"{v.Profile}: {v.Rule ?? v.Failures.FirstOrDefault() ?? (v.Passed ? "passed" : "failed")}")),
                    ])]);
        }

        if (byProfile.FirstOrDefault(g => g.Key == Official) is { } official)
        {
            var benchmark = official.Where(x => !TaskCategory.IsImage(x.Result.Category)).ToList();
            var score = new CategoryScore(Official, benchmark.Count, benchmark.Count(x => x.Verdict.Passed));
            var agent = report.Manifest?.Agent ?? "?";
            yield return new ReportTable("Published MedAgentBench numbers beside the official profile", ["system", "success", "95% CI", "setting"],
            [
                [$"**this run: {agent}, official profile**", Percent(score.Percent), score.Interval.ToPercentText(), $"{score.Tasks} tasks of categories 1–10 from {report.Manifest?.Tasks ?? "?"}"],
                .. PublishedResult.All.Select(p => (IReadOnlyList<string>)[p.System, Percent(p.SuccessPercent), "—", p.Note]),
            ], "Setting of the published figures: pass@1 with MedAgentBench's v1 text protocol (raw GET/POST/FINISH, at most 8 rounds) on its 300 "
               + "tasks over 100 de-identified patients, graded by its reference graders (the v2 rows use its typed tools). The official profile reproduces "
               + "those graders rule by rule; the figure is like-for-like only for `--protocol medagentbench` on the benchmark's own task file and server.");
        }
    }

    private static string Describe(string profile) => profile == Official
        ? "MedAgentBench's official graders, rule by rule: exact payload dicts, string routes, [] accepted in 5, 9, 10, labs by the codes MG/K/GLU/A1C"
        : "ours: every convention stated in the task's context, the FHIR-valid shapes accepted, not-found branches; our own benchmark's figure";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
