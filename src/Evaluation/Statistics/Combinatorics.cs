namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>Binomial coefficients, exactly where they fit and in log space where they do not.</summary>
internal static class Combinatorics
{
    /// <summary>C(n, k) as a double (exact for the sizes of a benchmark: n up to a few dozen repeats).</summary>
    public static double Choose(int n, int k)
    {
        if (k < 0 || k > n)
            return 0;
        k = Math.Min(k, n - k);
        var value = 1.0;
        for (var i = 1; i <= k; i++)
            value = value * (n - k + i) / i;
        return value;
    }

    /// <summary>ln C(n, k), summed term by term (n is a count of tasks, so the loop is short).</summary>
    public static double LogChoose(int n, int k)
    {
        if (k < 0 || k > n)
            return double.NegativeInfinity;
        k = Math.Min(k, n - k);
        var value = 0.0;
        for (var i = 1; i <= k; i++)
            value += Math.Log(n - k + i) - Math.Log(i);
        return value;
    }
}
