namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>What counterfactual replay found for one failed task.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Category">Its category.</param>
/// <param name="FirstDeparture">The failure analysis's hint, as a sentence.</param>
/// <param name="FirstDepartureStep">The 1-based decision the hint points at.</param>
/// <param name="DecisiveStep">The earliest decision whose substitution made the task pass; null when none did.</param>
/// <param name="Decision">The <see cref="DecisionKind"/> of the decisive step; null when none.</param>
/// <param name="Replays">The replays tried, in order.</param>
/// <param name="Untried">Departures left untried when the budget ran out (0: every one was tried).</param>
/// <param name="WallMs">Wall time for the task: the oracle's run and every replay.</param>
public sealed record TaskExplanation(string TaskId, int Category, string FirstDeparture, int FirstDepartureStep, int? DecisiveStep, string? Decision,
    IReadOnlyList<ReplayAttempt> Replays, int Untried, double WallMs)
{
    /// <summary>Whether some substitution made the task pass.</summary>
    public bool Attributable => DecisiveStep is not null;

    /// <summary>Whether the decisive step is the one the first-departure hint points at; null when not attributable.</summary>
    public bool? AgreesWithHint => DecisiveStep is { } step ? step == FirstDepartureStep : null;
}
