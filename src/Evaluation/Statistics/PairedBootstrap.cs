namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>
/// A paired bootstrap over tasks for two repeated runs: each task contributes its pass rate in A and in B; the
/// tasks are resampled with replacement <see cref="Resamples"/> times from a seeded generator, so the same inputs
/// always give the same answer. The p-value tests "no difference" by the shifted distribution (how often a
/// resampled difference lies at least as far from the observed one as the observed one lies from 0).
/// </summary>
/// <param name="Resamples">Bootstrap resamples.</param>
/// <param name="Seed">The generator's seed.</param>
public sealed record PairedBootstrap(int Resamples = PairedBootstrap.DefaultResamples, int Seed = PairedBootstrap.DefaultSeed)
{
    /// <summary>Resamples unless told otherwise.</summary>
    public const int DefaultResamples = 10_000;

    /// <summary>Seed unless told otherwise.</summary>
    public const int DefaultSeed = 1;

    /// <summary>Compares paired per-task scores (A's, B's), each between 0 and 1.</summary>
    /// <exception cref="ArgumentException">No pairs, or fewer than one resample.</exception>
    public BootstrapResult Compare(IReadOnlyList<(double A, double B)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
            throw new ArgumentException("A paired bootstrap needs at least one task.", nameof(pairs));
        ArgumentOutOfRangeException.ThrowIfLessThan(Resamples, 1);
        var differences = pairs.Select(p => p.B - p.A).ToArray();
        var observed = differences.Average();
        var random = new Random(Seed);
        var resampled = new double[Resamples];
        var extreme = 0;
        for (var r = 0; r < Resamples; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < differences.Length; i++)
                sum += differences[random.Next(differences.Length)];
            resampled[r] = sum / differences.Length;
            // A small tolerance: sums of the same doubles in another order differ in the last bits.
            if (Math.Abs(resampled[r] - observed) >= Math.Abs(observed) - 1e-12)
                extreme++;
        }

        Array.Sort(resampled);
        var p = (extreme + 1.0) / (Resamples + 1.0);
        return new BootstrapResult(observed, Percentile(resampled, 0.025), Percentile(resampled, 0.975), Math.Min(1, p), Resamples, Seed);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
