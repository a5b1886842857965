using ClinicalAgent.Evaluation.Statistics;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>What <c>bench explain</c> found for a run: <c>explain.json</c> in the run folder.</summary>
/// <param name="Agent">The run's agent.</param>
/// <param name="Model">The run's model.</param>
/// <param name="Budget">Replays allowed per task.</param>
/// <param name="Failed">Failed tasks in the run.</param>
/// <param name="Tasks">The failed tasks explained (at most the max-tasks option), in the run's order.</param>
public sealed record ExplainReport(string Agent, string? Model, int Budget, int Failed, IReadOnlyList<TaskExplanation> Tasks)
{
    /// <summary>How the replays sampled and where that came from (the run's <c>run.json</c>, or the configuration for a
    /// folder written before sampling was recorded); null in reports written before it was said.</summary>
    public string? Sampling { get; init; }

    /// <summary>Per category, in order.</summary>
    public IReadOnlyList<CategoryExplanation> Categories =>
    [
        .. Tasks.GroupBy(t => t.Category).OrderBy(g => g.Key).Select(g => new CategoryExplanation(g.Key, g.Count(),
            g.Where(t => t.Decision is not null).GroupBy(t => t.Decision!).OrderBy(d => Order(d.Key)).ToDictionary(d => d.Key, d => d.Count()),
            g.Count(t => !t.Attributable), g.Count(t => t.AgreesWithHint == true))),
    ];

    /// <summary>Tasks some substitution made pass.</summary>
    public int Attributable => Tasks.Count(t => t.Attributable);

    /// <summary>Of the attributable tasks, those whose decisive step is the first departure.</summary>
    public int HintAgrees => Tasks.Count(t => t.AgreesWithHint == true);

    /// <summary>The agreement rate's 95% Wilson interval; null with nothing attributable.</summary>
    public Interval? AgreementInterval => Attributable > 0 ? WilsonInterval.Of(HintAgrees, Attributable) : null;

    /// <summary>Replays run over all tasks.</summary>
    public int Replays => Tasks.Sum(t => t.Replays.Count);

    /// <summary>Model requests over all replays.</summary>
    public int ModelCalls => Tasks.Sum(t => t.Replays.Sum(r => r.ModelCalls));

    /// <summary>Prompt and generated tokens over all replays.</summary>
    public long Tokens => Tasks.Sum(t => t.Replays.Sum(r => r.InputTokens + r.OutputTokens));

    /// <summary>Wall time over all tasks.</summary>
    public double WallMs => Tasks.Sum(t => t.WallMs);

    private static int Order(string kind) => DecisionKind.All.ToList().IndexOf(kind) is var i and >= 0 ? i : int.MaxValue;
}
