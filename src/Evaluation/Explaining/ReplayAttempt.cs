namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>One counterfactual replay of a failed task.</summary>
/// <param name="Step">The 1-based decision substituted (numbered as the first-departure hint numbers calls).</param>
/// <param name="Substituted">The oracle's decision put there.</param>
/// <param name="Replaced">The run's decision it replaced; null where the run had stopped.</param>
/// <param name="Passed">Whether the replay passed the run's grader.</param>
/// <param name="Failures">The rules the replay still failed.</param>
/// <param name="ModelCalls">Requests the model answered (the prefilled replies cost none).</param>
/// <param name="InputTokens">Their prompt tokens.</param>
/// <param name="OutputTokens">Their generated tokens.</param>
/// <param name="WallMs">Wall time of the replay and its grading.</param>
public sealed record ReplayAttempt(int Step, string Substituted, string? Replaced, bool Passed, IReadOnlyList<string> Failures,
    int ModelCalls, long InputTokens, long OutputTokens, double WallMs);
