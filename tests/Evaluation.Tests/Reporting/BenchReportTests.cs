using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Reporting;

public sealed class BenchReportTests
{
    private static TaskResult Result(string id, int category, bool passed, bool action = false, bool invalid = false, double modelMs = 0, double toolMs = 0, double wallMs = 10) =>
        new(id, category, "model", "b", action, passed, passed ? [] : ["Answer [1]; expected [2]."], "", null, [],
            [new BenchStep("model", null, null, modelMs, 100, 10), new BenchStep("tool", "get_patient", "{}", toolMs)],
            invalid ? "invalid_action" : "answered", invalid, 100, 10, modelMs, toolMs, wallMs, passed ? null : "Never called get_patient({}).");

    private static readonly TaskResult[] Results =
    [
        Result("task2_1", 2, true, modelMs: 6, toolMs: 2),
        Result("task2_2", 2, false, invalid: true, modelMs: 6, toolMs: 2),
        Result("task9_1", 9, true, action: true, modelMs: 6, toolMs: 2),
        Result("task9_2", 9, false, action: false, modelMs: 6, toolMs: 2),
    ];

    [Fact]
    public void From_MixedResults_SplitsQueryActionAndCosts()
    {
        var report = BenchReport.From(null, Results);

        Assert.Equal(50, report.Overall.Percent);
        Assert.Equal((2, 1), (report.Query.Tasks, report.Query.Passed));
        Assert.Equal((2, 1), (report.Action.Tasks, report.Action.Passed));
        Assert.Equal((1, 1), (report.ActionBranches.Tasks, report.ActionBranches.Passed));
        Assert.Equal((1, 0), (report.NoActionBranches.Tasks, report.NoActionBranches.Passed));
        Assert.Equal(25, report.InvalidActionPercent);
        Assert.Equal(60, report.ModelSharePercent, 6);
        Assert.Equal(20, report.ToolSharePercent, 6);
    }

    [Fact]
    public void Render_Markdown_OfficialVerdicts_ShowsThemBesidePublishedAndEachFailureWithItsDeparture()
    {
        TaskResult[] official = [.. Results.Select(r => r with
        {
            Grader = "official",
            Verdicts = [new ClinicalAgent.Evaluation.Grading.ProfileVerdict("official", r.Passed, r.Failures, r.Passed ? "task2.answer: equal" : "task2.answer: differs")],
        })];

        var markdown = MarkdownReport.Render(BenchReport.From(null, official));

        Assert.Contains("| **this run: ?, official profile** | 50.0% |", markdown);
        Assert.Contains("| Claude 3.5 Sonnet v2 | 69.7% |", markdown);
        Assert.Contains("v1 text protocol", markdown);
        Assert.Contains("| grading profile | official |", markdown);
        Assert.Contains("| task2_2 | b | Answer [1]; expected [2]. | Never called get_patient({}). |", markdown);
        Assert.Contains("| 9. potassium replacement | 2 | 1 | 50.0% |", markdown);
    }

    [Fact]
    public void Render_Html_EscapesTextAndInlinesTheChart()
    {
        TaskResult[] results = [Result("task1_1", 1, false) with { Failures = ["<script>alert(1)</script>"] }];

        var html = HtmlReport.Render(BenchReport.From(null, results));

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<svg", html);
    }

    [Fact]
    public void Svg_TwoCategories_DrawsOneBarEach()
    {
        var svg = CategoryChart.Svg(BenchReport.From(null, Results));

        Assert.Equal(2, svg.Split("<rect").Length - 1);
        Assert.Contains("<title>2. age: 1/2</title>", svg);
    }

    [Fact]
    public void Compare_OneTaskFlipped_ListsItAndCountsTheCells()
    {
        TaskResult[] other = [.. Results.Select(r => r.TaskId == "task2_2" ? r with { Passed = true, Failures = [] } : r)];

        var text = RunComparison.Render("a", Results, "b", other);

        Assert.Contains("| **B passed** | 2 | 1 |", text);
        Assert.Contains("| task2_2 | b | fail | pass | Answer [1]; expected [2]. |", text);
        Assert.DoesNotContain("| task9_2 |", text);
    }
}
