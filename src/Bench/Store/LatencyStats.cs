namespace ClinicalAgent.Bench.Store;

/// <summary>Summary of a set of timings in milliseconds.</summary>
public sealed record LatencyStats(int Count, double P50, double P95, double P99, double Mean)
{
    /// <summary>Nearest-rank percentiles: each figure is a timing that was actually observed.</summary>
    public static LatencyStats Of(IReadOnlyCollection<double> milliseconds)
    {
        if (milliseconds.Count == 0)
        {
            return new LatencyStats(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted.Average());
    }

    private static double Rank(double[] sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
