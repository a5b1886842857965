namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>
/// McNemar's exact test for two runs on the same tasks: under "no difference" each discordant task (passed by one
/// run only) is a fair coin, so the count of one kind is Binomial(b + c, ½); the two-sided p-value is twice the
/// smaller tail, capped at 1. Exact rather than χ², because a benchmark category has few discordant tasks.
/// </summary>
public static class McNemarTest
{
    /// <summary>The two-sided exact p-value for <paramref name="onlyA"/> tasks passed by A only and
    /// <paramref name="onlyB"/> passed by B only; 1 when no task is discordant.</summary>
    public static double ExactPValue(int onlyA, int onlyB)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onlyA);
        ArgumentOutOfRangeException.ThrowIfNegative(onlyB);
        var n = onlyA + onlyB;
        if (n == 0)
            return 1;
        var smaller = Math.Min(onlyA, onlyB);
        // Sum in log space: C(n, i)/2^n underflows a double past a thousand or so discordant tasks.
        var tail = 0.0;
        for (var i = 0; i <= smaller; i++)
            tail += Math.Exp(Combinatorics.LogChoose(n, i) - (n * Math.Log(2)));
        return Math.Min(1, 2 * tail);
    }
}
