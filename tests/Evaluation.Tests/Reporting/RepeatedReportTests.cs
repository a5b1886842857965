using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;

namespace ClinicalAgent.Evaluation.Tests.Reporting;

public sealed class RepeatedReportTests
{
    private static TaskResult Result(string id, int category, bool passed) =>
        new(id, category, "model", "b", false, passed, passed ? [] : ["Answer [1]; expected [2]."], "", null, [],
            [new BenchStep("model", null, null, 5, 100, 10)], "answered", false, 100, 10, 5, 0, 10);

    // Category 2: task2_1 passes 3/3, task2_2 1/3; category 4: task4_1 0/3.
    private static readonly IReadOnlyList<IReadOnlyList<TaskResult>> Repeats =
    [
        [Result("task2_1", 2, true), Result("task2_2", 2, true), Result("task4_1", 4, false)],
        [Result("task2_1", 2, true), Result("task2_2", 2, false), Result("task4_1", 4, false)],
        [Result("task2_1", 2, true), Result("task2_2", 2, false), Result("task4_1", 4, false)],
    ];

    [Fact]
    public void From_ThreeRepeats_PassAt1AndPassHatKPerCategoryAndOverall()
    {
        var report = BenchReport.From(null, Repeats);

        Assert.Equal(3, report.RepeatCount);
        Assert.Equal((3, 4, 3), (report.Overall.Tasks, report.Overall.Passed, report.Overall.Repeats));
        Assert.Equal((1 + (1.0 / 3)) / 3, report.Overall.Rate, 12);
        Assert.Equal(1.0 / 3, report.Overall.PassHatKRate!.Value, 12);
        var category2 = report.Categories.Single(c => c.Label.StartsWith("2.", StringComparison.Ordinal));
        Assert.Equal(2.0 / 3, category2.Rate, 12);
        Assert.Equal(0.5, category2.PassHatKRate!.Value, 12);
        Assert.Equal(9, report.Results.Count);
    }

    [Fact]
    public void Render_ThreeRepeats_ShowsPassHatKWithWilsonIntervalsAndEachTry()
    {
        var markdown = MarkdownReport.Render(BenchReport.From(null, Repeats));

        Assert.Contains("| group | tasks | passing tries | pass@1 | 95% CI | pass^3 | 95% CI |", markdown);
        // Category 2 over 2 tasks: pass@1 66.7% (Wilson [15.9, 95.5]), pass^3 50.0% (Wilson [9.5, 90.5]).
        Assert.Contains("| 2. age | 2 | 4 | 66.7% | [15.9, 95.5] | 50.0% | [9.5, 90.5] |", markdown);
        Assert.Contains("| task2_2 (repeat 2) | b | Answer [1]; expected [2]. | — |", markdown);
        Assert.Contains("| repeats | 3 |", markdown);
    }

    [Fact]
    public void Render_SingleRun_EveryRateHasItsInterval()
    {
        var markdown = MarkdownReport.Render(BenchReport.From(null, Repeats[0]));

        Assert.Contains("| all tasks | 3 | 2 | 66.7% | [20.8, 93.9] |", markdown);
        Assert.Contains("| invalid-action rate | 0.0% [0.0, 56.1] |", markdown);
        Assert.DoesNotContain("pass^", markdown);
    }
}
