using System.Globalization;

namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>
/// Chooses and runs the paired test for two runs on the same tasks: McNemar's exact test when both ran each task once
/// (a task is then simply passed or failed by each), a paired bootstrap over the tasks' pass rates when either run
/// has repeats (a task's outcome is then a rate, which McNemar cannot take).
/// </summary>
public static class PairedTest
{
    /// <summary>The test's result over <paramref name="tasks"/>.</summary>
    /// <exception cref="ArgumentException">No tasks.</exception>
    public static PairedTestResult Compare(IReadOnlyList<PairedOutcome> tasks, PairedBootstrap? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        if (tasks.Count == 0)
            throw new ArgumentException("A paired test needs at least one task in both runs.", nameof(tasks));
        var difference = tasks.Average(t => t.RateB - t.RateA);
        if (tasks.All(t => t.TriesA == 1 && t.TriesB == 1))
        {
            var onlyA = tasks.Count(t => t.PassedA == 1 && t.PassedB == 0);
            var onlyB = tasks.Count(t => t.PassedA == 0 && t.PassedB == 1);
            return new PairedTestResult("McNemar exact", difference, McNemarTest.ExactPValue(onlyA, onlyB),
                string.Create(CultureInfo.InvariantCulture, $"passed by A only: {onlyA}, by B only: {onlyB}"));
        }

        var result = (bootstrap ?? new PairedBootstrap()).Compare([.. tasks.Select(t => (t.RateA, t.RateB))]);
        return new PairedTestResult("paired bootstrap", difference, result.PValue,
            string.Create(CultureInfo.InvariantCulture, $"B − A 95% interval [{100 * result.Low:+0.0;-0.0;0.0}, {100 * result.High:+0.0;-0.0;0.0}] points"));
    }
}
