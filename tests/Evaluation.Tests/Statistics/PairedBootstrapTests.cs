using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Tests.Statistics;

public sealed class PairedBootstrapTests
{
    // Ten tasks: B gains a third of a pass on four of them and loses one on one.
    private static readonly (double A, double B)[] Mixed =
    [
        (0, 1.0 / 3), (0, 1.0 / 3), (1.0 / 3, 2.0 / 3), (2.0 / 3, 1), (1, 0), (1, 1), (0, 0), (0.5, 0.5), (1, 1), (0, 0),
    ];

    [Fact]
    public void Compare_SameInputsAndSeed_SameResult()
    {
        var first = new PairedBootstrap(2000, 7).Compare(Mixed);
        var second = new PairedBootstrap(2000, 7).Compare(Mixed);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Compare_Mixed_ObservedMeanInsideItsIntervalAndNotSignificant()
    {
        var result = new PairedBootstrap().Compare(Mixed);

        Assert.Equal(((4.0 / 3) - 1) / 10, result.MeanDifference, 12);
        Assert.InRange(result.MeanDifference, result.Low, result.High);
        Assert.True(result.Low < 0 && result.High > 0, $"[{result.Low}, {result.High}]");
        Assert.True(result.PValue >= 0.05, $"p = {result.PValue}");
        Assert.Equal((10_000, 1), (result.Resamples, result.Seed));
    }

    [Fact]
    public void Compare_NoDifferenceAnywhere_PValueOne()
    {
        var result = new PairedBootstrap(500).Compare([(1, 1), (0, 0), (0.5, 0.5)]);

        Assert.Equal(0, result.MeanDifference);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void Compare_BWinsEveryTask_SmallestPossiblePValue()
    {
        var result = new PairedBootstrap(999).Compare([.. Enumerable.Repeat((0.0, 1.0), 8)]);

        Assert.Equal(1.0 / 1000, result.PValue, 12);
        Assert.Equal((1.0, 1.0), (result.Low, result.High));
    }

    [Fact]
    public void Compare_NoPairs_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PairedBootstrap().Compare([]));
    }
}
