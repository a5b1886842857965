using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Tests.Statistics;

public sealed class McNemarTestTests
{
    [Theory]
    [InlineData(0, 5, 0.0625)]          // 2 · (1/2)^5
    [InlineData(5, 0, 0.0625)]          // symmetric
    [InlineData(1, 9, 0.021484375)]     // 2 · (1 + 10)/1024
    [InlineData(2, 8, 0.109375)]        // 2 · (1 + 10 + 45)/1024
    [InlineData(3, 3, 1.0)]             // capped at 1
    [InlineData(0, 0, 1.0)]             // no discordant task
    [InlineData(0, 1, 1.0)]
    public void ExactPValue_KnownDiscordantCounts_MatchesTheBinomialTail(int onlyA, int onlyB, double expected)
    {
        var p = McNemarTest.ExactPValue(onlyA, onlyB);

        Assert.Equal(expected, p, 12);
    }

    [Fact]
    public void ExactPValue_ManyDiscordantTasks_StaysFiniteAndSmall()
    {
        var p = McNemarTest.ExactPValue(400, 600);

        Assert.InRange(p, 1e-12, 1e-8);
    }
}
