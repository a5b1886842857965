using System.Globalization;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>One task's outcome over a run's repeats, for comparisons.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Category">Its category.</param>
/// <param name="Branch">Its branch.</param>
/// <param name="Passed">Passing tries.</param>
/// <param name="Tries">Tries (the run's repeats that finished the task).</param>
/// <param name="FirstFailure">The first failed rule of its first failing try.</param>
internal sealed record TaskOutcome(string TaskId, int Category, string? Branch, int Passed, int Tries, string? FirstFailure)
{
    public double Rate => Tries == 0 ? 0 : (double)Passed / Tries;

    /// <summary><c>pass</c>/<c>fail</c> for one try, else <c>2/3</c>.</summary>
    public string Verdict => Tries == 1 ? (Passed == 1 ? "pass" : "fail") : string.Create(CultureInfo.InvariantCulture, $"{Passed}/{Tries}");
}
