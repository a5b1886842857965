namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>A paired test of two runs on the same tasks.</summary>
/// <param name="Test">Which test: <c>McNemar exact</c> or <c>paired bootstrap</c>.</param>
/// <param name="Difference">B − A in mean pass rate over the tasks (0 to ±1).</param>
/// <param name="PValue">Two-sided p-value for "no difference".</param>
/// <param name="Detail">What the test counted: the discordant tasks, or the bootstrap's interval of the difference.</param>
public sealed record PairedTestResult(string Test, double Difference, double PValue, string Detail)
{
    /// <summary><c>no significant difference</c> (p ≥ 0.05), <c>B better</c> or <c>A better</c>.</summary>
    public string Verdict => Significance.Verdict(PValue, Difference);
}
