using ClinicalAgent.Evaluation.Reporting;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Tests.Reporting;

public sealed class ComparisonTests
{
    private static TaskResult Result(string id, int category, bool passed) =>
        new(id, category, "model", "b", false, passed, passed ? [] : ["wrong answer"], "", null, [], [], "answered", false, 0, 0, 0, 0, 1);

    private static List<TaskResult> Run(int category, params bool[] passed) =>
        [.. passed.Select((p, i) => Result($"task{category}_{i + 1}", category, p))];

    [Fact]
    public void Render_SingleRunsBWinsTenDiscordantTasks_McNemarVerdictBBetter()
    {
        var a = Run(1, [.. Enumerable.Repeat(false, 10), true, true]);
        var b = Run(1, [.. Enumerable.Repeat(true, 10), true, true]);

        var text = RunComparison.Render("a", a, "b", b);

        Assert.Contains("McNemar's exact test", text);
        Assert.Contains("| all | 12 | 16.7% [4.7, 44.8] | 100.0% [75.8, 100.0] | +83.3 pts | McNemar exact (passed by A only: 0, by B only: 10) | 0.002 | B better |", text);
    }

    [Fact]
    public void Render_SingleRunsSameOutcomes_NoSignificantDifferenceAndNoChangedTask()
    {
        var a = Run(2, true, false, true);

        var text = RunComparison.Render("a", a, "b", a);

        Assert.Contains("| 1.000 | no significant difference |", text);
        Assert.EndsWith("## Tasks that changed\n\nNone.\n", text);
    }

    [Fact]
    public void Render_RepeatedRuns_BootstrapStatedWithResamplesAndSeed()
    {
        IReadOnlyList<IReadOnlyList<TaskResult>> a = [Run(3, true, true, false), Run(3, true, false, false)];
        IReadOnlyList<IReadOnlyList<TaskResult>> b = [Run(3, true, true, false), Run(3, true, true, false)];

        var text = RunComparison.Render("a", a, "b", b, new PairedBootstrap(500, 3));

        Assert.Contains("paired bootstrap over tasks of each task's pass rate (500 resamples, seed 3)", text);
        Assert.Contains("| 3 | 3 | 50.0% [", text);
        Assert.Contains("no significant difference |", text);
        Assert.Contains("| task3_2 | b | 1/2 | 2/2 | wrong answer |", text);
    }
}
