using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Tests.Statistics;

public sealed class PairedTestTests
{
    private static List<PairedOutcome> Single(int both, int onlyA, int onlyB, int neither) =>
    [
        .. Enumerable.Repeat(new PairedOutcome(1, 1, 1, 1), both),
        .. Enumerable.Repeat(new PairedOutcome(1, 1, 0, 1), onlyA),
        .. Enumerable.Repeat(new PairedOutcome(0, 1, 1, 1), onlyB),
        .. Enumerable.Repeat(new PairedOutcome(0, 1, 0, 1), neither),
    ];

    [Fact]
    public void Compare_SingleRunsBOnlyTenTimes_McNemarFindsBBetter()
    {
        var result = PairedTest.Compare(Single(5, 0, 10, 5));

        Assert.Equal("McNemar exact", result.Test);
        Assert.Equal(2.0 / 1024, result.PValue, 12);
        Assert.Equal(0.5, result.Difference, 12);
        Assert.Equal("B better", result.Verdict);
        Assert.Equal("passed by A only: 0, by B only: 10", result.Detail);
    }

    [Fact]
    public void Compare_SingleRunsBalancedDiscordance_NoSignificantDifference()
    {
        var result = PairedTest.Compare(Single(4, 3, 3, 2));

        Assert.Equal(1.0, result.PValue, 12);
        Assert.Equal("no significant difference", result.Verdict);
    }

    [Fact]
    public void Compare_SingleRunsSmallLead_NotSignificantEvenThoughBLooksBetter()
    {
        // 4 against 1 looks like a win by eye; p = 2 · 6/32 = 0.375.
        var result = PairedTest.Compare(Single(5, 1, 4, 0));

        Assert.Equal(0.375, result.PValue, 12);
        Assert.Equal("no significant difference", result.Verdict);
    }

    [Fact]
    public void Compare_RepeatedRunsIdentical_BootstrapNoDifference()
    {
        List<PairedOutcome> tasks = [new(3, 3, 3, 3), new(1, 3, 1, 3), new(0, 3, 0, 3), new(2, 3, 2, 3)];

        var result = PairedTest.Compare(tasks);

        Assert.Equal("paired bootstrap", result.Test);
        Assert.Equal(1.0, result.PValue, 12);
        Assert.Equal("no significant difference", result.Verdict);
    }

    [Fact]
    public void Compare_RepeatedRunsAAlwaysBetter_BootstrapFindsABetter()
    {
        var tasks = Enumerable.Range(0, 20).Select(i => new PairedOutcome(3, 3, i % 2, 3)).ToList();

        var result = PairedTest.Compare(tasks);

        Assert.True(result.PValue < 0.001, $"p = {result.PValue}");
        Assert.Equal("A better", result.Verdict);
        Assert.Contains("B − A 95% interval [", result.Detail);
    }
}
