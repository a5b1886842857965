using System.Globalization;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// A count of cases with its rate and 95% Wilson score interval (<see cref="Statistics.WilsonInterval"/>), as the
/// judge's agreement and consistency figures are reported.
/// </summary>
/// <param name="Successes">Cases that count (e.g. judge and grader agree).</param>
/// <param name="Total">Cases measured.</param>
public sealed record RateInterval(int Successes, int Total)
{
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
        var interval = Statistics.WilsonInterval.Of(Successes, Total);
        return (interval.Low, interval.High);
    }
}
