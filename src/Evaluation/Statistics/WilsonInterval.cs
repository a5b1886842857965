namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>
/// The Wilson score interval for a proportion: centre (p̂ + z²/2n)/(1 + z²/n), half-width
/// z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n). Unlike the normal approximation it stays inside [0, 1] and is not empty at
/// 0/n or n/n, which matters for the small groups a benchmark category is.
/// </summary>
public static class WilsonInterval
{
    /// <summary>The z of a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The interval for <paramref name="successes"/> of <paramref name="trials"/>; [0, 1] when there are no trials.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Successes outside 0..trials.</exception>
    public static Interval Of(int successes, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        return trials == 0 ? new Interval(0, 1) : OfRate((double)successes / trials, trials, z);
    }

    /// <summary>
    /// The interval for an observed rate <paramref name="rate"/> over <paramref name="trials"/> units. Used with a
    /// fractional rate (pass@1 averaged over repeats) and the number of tasks as the units: repeats of one task are
    /// not independent, so the tasks, not the tries, are what the interval counts.
    /// </summary>
    public static Interval OfRate(double rate, int trials, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rate, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        if (trials == 0)
            return new Interval(0, 1);
        var n = (double)trials;
        var z2 = z * z;
        var denominator = 1 + (z2 / n);
        var centre = (rate + (z2 / (2 * n))) / denominator;
        var half = z * Math.Sqrt((rate * (1 - rate) / n) + (z2 / (4 * n * n))) / denominator;
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
