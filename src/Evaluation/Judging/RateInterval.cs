using System.Globalization;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// A rate with its 95% Wilson score interval: centre (p̂ + z²/2n)/(1 + z²/n), half-width
/// z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n), z = 1.96. Unlike p̂ ± 1.96·√(p̂(1−p̂)/n) it stays inside [0, 1] and is not
/// zero-width at 0% or 100%, which matters for the small counts a judge's agreement is measured on.
/// </summary>
/// <param name="Successes">Cases that count (e.g. judge and grader agree).</param>
/// <param name="Total">Cases measured.</param>
public sealed record RateInterval(int Successes, int Total)
{
    private const double Z = 1.96;

    /// <summary>The observed rate, or null when nothing was measured.</summary>
    public double? Rate => Total == 0 ? null : (double)Successes / Total;

    /// <summary>The interval's lower end (0 when nothing was measured).</summary>
    public double Low => Bounds().Low;

    /// <summary>The interval's upper end (1 when nothing was measured).</summary>
    public double High => Bounds().High;

    /// <summary>"78% (95% CI 65–87%, 39/50)", or "n/a (0 cases)".</summary>
    public override string ToString() => Rate is { } rate
        ? string.Create(CultureInfo.InvariantCulture, $"{rate * 100:0.#}% (95% CI {Low * 100:0.#}–{High * 100:0.#}%, {Successes}/{Total})")
        : "n/a (0 cases)";

    private (double Low, double High) Bounds()
    {
        if (Total == 0)
            return (0, 1);
        double n = Total, p = (double)Successes / Total, z2 = Z * Z;
        var denominator = 1 + (z2 / n);
        var centre = (p + (z2 / (2 * n))) / denominator;
        var half = Z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
