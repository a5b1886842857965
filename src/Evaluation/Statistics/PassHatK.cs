namespace ClinicalAgent.Evaluation.Statistics;

/// <summary>
/// Reliability over repeated tries (τ-bench's measure): pass@1 is the mean success of a try; pass^k the chance that
/// all k tries of a task succeed, estimated without bias per task from c successes of n tries as C(c, k)/C(n, k)
/// and averaged over the tasks.
/// </summary>
public static class PassHatK
{
    /// <summary>pass^k of one task with <paramref name="successes"/> of <paramref name="tries"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside 1..tries, or successes outside 0..tries.</exception>
    public static double OfTask(int successes, int tries, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, tries);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, tries);
        return Combinatorics.Choose(successes, k) / Combinatorics.Choose(tries, k);
    }

    /// <summary>pass^k over tasks given as (successes, tries); tasks with fewer than k tries are left out
    /// (an interrupted repeat); 0 when none is left.</summary>
    public static double Mean(IEnumerable<(int Successes, int Tries)> tasks, int k)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var counted = tasks.Where(t => t.Tries >= k).ToList();
        return counted.Count == 0 ? 0 : counted.Average(t => OfTask(t.Successes, t.Tries, k));
    }

    /// <summary>pass@1 over tasks: the mean over tasks of each task's success rate; 0 for no tasks.</summary>
    public static double PassAt1(IEnumerable<(int Successes, int Tries)> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var counted = tasks.Where(t => t.Tries > 0).ToList();
        return counted.Count == 0 ? 0 : counted.Average(t => (double)t.Successes / t.Tries);
    }
}
