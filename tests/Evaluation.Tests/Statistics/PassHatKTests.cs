using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Tests.Statistics;

public sealed class PassHatKTests
{
    // Three tasks tried three times: always, twice, never.
    private static readonly (int, int)[] Tasks = [(3, 3), (2, 3), (0, 3)];

    [Fact]
    public void Mean_KEqualsTries_CountsOnlyTasksThatAlwaysPass()
    {
        var value = PassHatK.Mean(Tasks, 3);

        Assert.Equal(1.0 / 3, value, 12);
    }

    [Fact]
    public void Mean_KTwoOfThree_UsesTheUnbiasedEstimator()
    {
        // C(3,2)/C(3,2) = 1, C(2,2)/C(3,2) = 1/3, 0: mean 4/9.
        var value = PassHatK.Mean(Tasks, 2);

        Assert.Equal(4.0 / 9, value, 12);
    }

    [Fact]
    public void PassAt1_HandMadeSet_IsTheMeanTaskRate()
    {
        var value = PassHatK.PassAt1(Tasks);

        Assert.Equal(5.0 / 9, value, 12);
    }

    [Fact]
    public void Mean_TaskWithFewerTriesThanK_IsLeftOut()
    {
        var value = PassHatK.Mean([(3, 3), (1, 1)], 3);

        Assert.Equal(1.0, value, 12);
    }

    [Fact]
    public void OfTask_KAboveTries_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PassHatK.OfTask(1, 2, 3));
    }
}
