using System.Globalization;

namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>A confidence interval for a proportion, both ends between 0 and 1.</summary>
/// <param name="Low">The lower end.</param>
/// <param name="High">The upper end.</param>
public sealed record Interval(double Low, double High)
{
    /// <summary>The interval in percent, as <c>[40.1, 59.9]</c>.</summary>
    public string ToPercentText() =>
        string.Create(CultureInfo.InvariantCulture, $"[{100 * Low:0.0}, {100 * High:0.0}]");
}
