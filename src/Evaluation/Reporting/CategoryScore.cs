using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Reporting;

/// <summary>Success in one category (or any other group of tasks), with its 95% Wilson interval; over repeats, pass@1
/// (mean success of a try) and pass^k (all k tries of a task succeed).</summary>
/// <param name="Label">The group's name.</param>
/// <param name="Tasks">Distinct tasks in the group.</param>
/// <param name="Passed">Passing tries (the passing tasks of a single run).</param>
public sealed record CategoryScore(string Label, int Tasks, int Passed)
{
    /// <summary>Tries per task: the run's repeats (1 for a single run).</summary>
    public int Repeats { get; init; } = 1;

    /// <summary>pass@1 as a rate from 0 to 1, averaged per task over its tries; null for a single run (Passed / Tasks).</summary>
    public double? PassAt1Rate { get; init; }

    /// <summary>pass^k as a rate (k = <see cref="Repeats"/>); null for a single run.</summary>
    public double? PassHatKRate { get; init; }

    /// <summary>Success (pass@1) from 0 to 1; 0 for an empty group.</summary>
    public double Rate => PassAt1Rate ?? (Tasks == 0 ? 0 : (double)Passed / Tasks);

    /// <summary>Percent passed (pass@1 over repeats); 0 for an empty group.</summary>
    public double Percent => 100.0 * Rate;

    /// <summary>The 95% Wilson interval of <see cref="Rate"/>, counting tasks (repeats of a task are not independent).</summary>
    public Interval Interval => WilsonInterval.OfRate(Rate, Tasks);

    /// <summary>The 95% Wilson interval of pass^k over the tasks; null for a single run.</summary>
    public Interval? PassHatKInterval => PassHatKRate is { } rate ? WilsonInterval.OfRate(rate, Tasks) : null;
}
