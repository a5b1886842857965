using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Tests.Statistics;

public sealed class WilsonIntervalTests
{
    [Theory]
    [InlineData(0, 10, 0.0, 0.2775)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(100, 100, 0.9630, 1.0)]
    [InlineData(50, 100, 0.4038, 0.5962)]
    [InlineData(1, 3, 0.0615, 0.7923)]
    public void Of_KnownCounts_MatchesTheFormulaToFourDecimals(int successes, int trials, double low, double high)
    {
        var interval = WilsonInterval.Of(successes, trials);

        Assert.Equal(low, interval.Low, 4);
        Assert.Equal(high, interval.High, 4);
    }

    [Fact]
    public void OfRate_FractionalRateOverTasks_EqualsTheCountFormWhereTheyMeet()
    {
        var byRate = WilsonInterval.OfRate(0.5, 10);
        var byCount = WilsonInterval.Of(5, 10);

        Assert.Equal(byCount, byRate);
    }

    [Fact]
    public void Of_NoTrials_IsTheWholeRange()
    {
        var interval = WilsonInterval.Of(0, 0);

        Assert.Equal(new Interval(0, 1), interval);
    }

    [Fact]
    public void Of_MoreSuccessesThanTrials_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(11, 10));
    }

    [Fact]
    public void ToPercentText_Interval_OneDecimalPercent()
    {
        var text = WilsonInterval.Of(5, 10).ToPercentText();

        Assert.Equal("[23.7, 76.3]", text);
    }
}
