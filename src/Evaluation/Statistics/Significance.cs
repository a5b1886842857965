using System.Globalization;

namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>How a p-value is said in a comparison: a verdict only below the 5% level, never by eye.</summary>
public static class Significance
{
    /// <summary>The level below which a difference is called significant.</summary>
    public const double Level = 0.05;

    /// <summary><c>no significant difference</c> when p ≥ 0.05; else which run is better.</summary>
    /// <param name="pValue">The test's two-sided p-value.</param>
    /// <param name="difference">B − A (any scale): its sign says which run is better.</param>
    public static string Verdict(double pValue, double difference) =>
        pValue >= Level || difference == 0 ? "no significant difference" : difference > 0 ? "B better" : "A better";

    /// <summary>A p-value to three decimals, or <c>&lt; 0.001</c>.</summary>
    public static string Format(double pValue) =>
        pValue < 0.001 ? "< 0.001" : pValue.ToString("0.000", CultureInfo.InvariantCulture);
}
