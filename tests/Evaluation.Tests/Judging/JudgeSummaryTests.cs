using ClinicalAgent.Evaluation.Judging;

namespace ClinicalAgent.Evaluation.Tests.Judging;

public sealed class JudgeSummaryTests
{
    [Theory]
    [InlineData(8, 10, 0.4902, 0.9433)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0)]
    public void RateInterval_KnownCounts_GivesTheWilsonInterval(int successes, int total, double low, double high)
    {
        var interval = new RateInterval(successes, total);

        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void RateInterval_NothingMeasured_HasNoRateAndTheWholeRange()
    {
        var interval = new RateInterval(0, 0);

        Assert.Null(interval.Rate);
        Assert.Equal((0.0, 1.0), (interval.Low, interval.High));
        Assert.Equal("n/a (0 cases)", interval.ToString());
    }

    [Fact]
    public void Of_HandMadeVerdicts_CountsAgreementOnlyWhereTheGraderPrefersOne()
    {
        // Ten pairs the grader separates (8 where the judge agrees), and three it does not (both passed).
        var judgments = Enumerable.Range(0, 10).Select(i => Judgment($"task1_{i}", agrees: i < 8, consistent: i % 2 == 0))
            .Concat(Enumerable.Range(0, 3).Select(i => Judgment($"task2_{i}", agrees: null, consistent: true)))
            .ToList();

        var summary = JudgeSummary.Of(judgments);

        Assert.Equal(13, summary.Pairs);
        Assert.Equal((8, 10), (summary.Agreement.Successes, summary.Agreement.Total));
        Assert.Equal(0.4902, summary.Agreement.Low, 4);
        Assert.Equal(0.9433, summary.Agreement.High, 4);
        Assert.Equal((8, 13), (summary.Consistency.Successes, summary.Consistency.Total));
        Assert.Equal(26, summary.FirstPosition.Total);
        Assert.Equal(2.0, summary.CallsPerPair);
    }

    private static PairJudgment Judgment(string taskId, bool? agrees, bool consistent) => new(
        taskId, 1, "a", "b", 0.7, 0.4, "A", consistent,
        [new OrderVerdict("AB", 0.7, -0.36, -1.2, "alternatives", 1, 100, 1), new OrderVerdict("BA", 0.3, -1.2, -0.36, "alternatives", 1, 100, 1)],
        agrees is null ? true : true, agrees is null ? true : false, agrees, 2, 200, 2, 5);
}
