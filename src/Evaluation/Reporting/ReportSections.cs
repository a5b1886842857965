using System.Globalization;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>The sections of a report, as tables, in the order both writers show them.</summary>
internal static class ReportSections
{
    public static IReadOnlyList<ReportTable> For(BenchReport report)
    {
        var m = report.Manifest;
        return
        [
            new("Run", ["", ""],
            [
                ["agent", m?.Agent ?? "?"],
                ["model", m?.Model ?? "—"],
                ["tasks file", m?.Tasks ?? "?"],
                ["FHIR", m?.Fhir ?? "?"],
                ["concurrency", m?.Concurrency.ToString(CultureInfo.InvariantCulture) ?? "?"],
                ["grading profile", ProfileSections.GraderOf(report)],
                ["repeats", report.RepeatCount.ToString(CultureInfo.InvariantCulture)],
                ["seed", Seeds(m, report.RepeatCount)],
                [report.RepeatCount > 1 ? "finished tries" : "finished tasks", report.Results.Count.ToString(CultureInfo.InvariantCulture)],
            ]),
            new("Success", ScoreHeader("group", report.RepeatCount),
                [.. new[] { report.Overall, report.MedAgentBenchCategories, report.Query, report.Action, report.ActionBranches, report.NoActionBranches, report.Images }
                    .Where(s => s.Tasks > 0).Select(Row)], ScoreNote(report.RepeatCount)),
            new("Per category", ScoreHeader("category", report.RepeatCount), [.. report.Categories.Select(Row)],
                "![Success per category](categories.svg)"),
            new("Cost per task", ["measure", "value"],
            [
                ["invalid-action rate" + (report.RepeatCount > 1 ? " (per try)" : ""),
                    Percent(report.InvalidActionPercent) + " " + Statistics.WilsonInterval.Of(report.InvalidActions, report.Results.Count).ToPercentText()],
                ["model calls per task (mean)", Number(report.MeanModelSteps)],
                ["tool calls or requests per task (mean)", Number(report.MeanToolCalls)],
                ["prompt tokens per task (mean)", Number(report.MeanInputTokens, "0")],
                ["generated tokens per task (mean)", Number(report.MeanOutputTokens, "0")],
                ["wall time per task (mean)", Number(report.MeanWallMs / 1000, "0.00") + " s"],
                ["share of wall time in the model", Percent(report.ModelSharePercent)],
                ["share of wall time in tools / HTTP", Percent(report.ToolSharePercent)],
            ]),
            .. ProfileSections.For(report),
            CoverageSection.For(report),
            new("Failed tasks", ["task", "branch", "first failed rule", "first departure from the oracle"],
                [.. Tries(report).Where(t => !t.Result.Passed).Select(t => Failure(t.Result, t.Label))]),
            new("Per task", ["task", "branch", "result", "stopped", "model calls", "tool calls", "prompt tokens", "generated tokens", "wall s"],
                [.. Tries(report).Select(t => PerTask(t.Result, t.Label))]),
        ];
    }

    private static IReadOnlyList<string> ScoreHeader(string first, int repeats) => repeats > 1
        ? [first, "tasks", "passing tries", "pass@1", "95% CI", $"pass^{repeats}", "95% CI"]
        : [first, "tasks", "passed", "success", "95% CI"];

    private static string? ScoreNote(int repeats) => repeats > 1
        ? $"pass@1 is the mean success of one try, per task over its {repeats} tries; pass^{repeats} the chance that all {repeats} tries of a task pass (C(c,{repeats})/C(n,{repeats}) per task, averaged). Intervals are 95% Wilson intervals counting tasks, not tries, since the tries of one task are not independent."
        : "Intervals are 95% Wilson score intervals.";

    private static string Seeds(RunManifest? m, int repeats) => m?.Seed is not { } seed ? "—"
        : repeats > 1 ? string.Join(", ", Enumerable.Range(1, repeats).Select(r => RepeatFolders.Seed(seed, r).ToString(CultureInfo.InvariantCulture)))
        : seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every try with its row label: the task id, and its repeat when there are several.</summary>
    private static IEnumerable<(TaskResult Result, string Label)> Tries(BenchReport report)
    {
        if (report.Repeats is not { Count: > 1 } repeats)
            return report.Results.Select(r => (r, r.TaskId));
        // Each repeat is already in task order; list a task's tries together, in the order the tasks first appear.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in repeats.SelectMany(r => r))
            order.TryAdd(result.TaskId, order.Count);
        return repeats.SelectMany((results, i) => results.Select(r => (Result: r, Repeat: i + 1)))
            .OrderBy(t => order[t.Result.TaskId]).ThenBy(t => t.Repeat)
            .Select(t => (t.Result, $"{t.Result.TaskId} (repeat {t.Repeat})"));
    }

    private static IReadOnlyList<string> Row(CategoryScore s) => s.PassHatKRate is { } passHatK
        ?
        [
            s.Label, s.Tasks.ToString(CultureInfo.InvariantCulture), s.Passed.ToString(CultureInfo.InvariantCulture), Percent(s.Percent), s.Interval.ToPercentText(),
            Percent(100 * passHatK), s.PassHatKInterval!.ToPercentText(),
        ]
        : [s.Label, s.Tasks.ToString(CultureInfo.InvariantCulture), s.Passed.ToString(CultureInfo.InvariantCulture), Percent(s.Percent), s.Interval.ToPercentText()];

    private static IReadOnlyList<string> Failure(TaskResult r, string label) =>
        [label, r.Branch ?? "", r.Failures.FirstOrDefault() ?? (r.StoppedReason == "error" ? r.AnswerText : ""), r.Departure ?? "—"];

    private static IReadOnlyList<string> PerTask(TaskResult r, string label) =>
    [
        label, r.Branch ?? "", r.Passed ? "pass" : "fail", r.StoppedReason + (r.InvalidAction ? " (invalid action)" : ""),
        r.Steps.Count(s => s.Kind == "model").ToString(CultureInfo.InvariantCulture),
        r.Steps.Count(s => s.Kind is "tool" or "get" or "post").ToString(CultureInfo.InvariantCulture),
        r.InputTokens.ToString(CultureInfo.InvariantCulture), r.OutputTokens.ToString(CultureInfo.InvariantCulture), Number(r.WallMs / 1000, "0.00"),
    ];

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
