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
                ["finished tasks", report.Results.Count.ToString(CultureInfo.InvariantCulture)],
            ]),
            new("Success", ["group", "tasks", "passed", "success"],
                [.. new[] { report.Overall, report.MedAgentBenchCategories, report.Query, report.Action, report.ActionBranches, report.NoActionBranches, report.Images }
                    .Where(s => s.Tasks > 0).Select(Row)]),
            new("Per category", ["category", "tasks", "passed", "success"], [.. report.Categories.Select(Row)],
                "![Success per category](categories.svg)"),
            new("Cost per task", ["measure", "value"],
            [
                ["invalid-action rate", Percent(report.InvalidActionPercent)],
                ["model calls per task (mean)", Number(report.MeanModelSteps)],
                ["tool calls or requests per task (mean)", Number(report.MeanToolCalls)],
                ["prompt tokens per task (mean)", Number(report.MeanInputTokens, "0")],
                ["generated tokens per task (mean)", Number(report.MeanOutputTokens, "0")],
                ["wall time per task (mean)", Number(report.MeanWallMs / 1000, "0.00") + " s"],
                ["share of wall time in the model", Percent(report.ModelSharePercent)],
                ["share of wall time in tools / HTTP", Percent(report.ToolSharePercent)],
            ]),
            .. ProfileSections.For(report),
            new("Failed tasks", ["task", "branch", "first failed rule", "first departure from the oracle"],
                [.. report.Results.Where(r => !r.Passed).Select(Failure)]),
            new("Per task", ["task", "branch", "result", "stopped", "model calls", "tool calls", "prompt tokens", "generated tokens", "wall s"],
                [.. report.Results.Select(PerTask)]),
        ];
    }

    private static IReadOnlyList<string> Row(CategoryScore s) =>
        [s.Label, s.Tasks.ToString(CultureInfo.InvariantCulture), s.Passed.ToString(CultureInfo.InvariantCulture), Percent(s.Percent)];

    private static IReadOnlyList<string> Failure(TaskResult r) =>
        [r.TaskId, r.Branch ?? "", r.Failures.FirstOrDefault() ?? (r.StoppedReason == "error" ? r.AnswerText : ""), r.Departure ?? "—"];

    private static IReadOnlyList<string> PerTask(TaskResult r) =>
    [
        r.TaskId, r.Branch ?? "", r.Passed ? "pass" : "fail", r.StoppedReason + (r.InvalidAction ? " (invalid action)" : ""),
        r.Steps.Count(s => s.Kind == "model").ToString(CultureInfo.InvariantCulture),
        r.Steps.Count(s => s.Kind is "tool" or "get" or "post").ToString(CultureInfo.InvariantCulture),
        r.InputTokens.ToString(CultureInfo.InvariantCulture), r.OutputTokens.ToString(CultureInfo.InvariantCulture), Number(r.WallMs / 1000, "0.00"),
    ];

    private static string Percent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Number(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
