namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>One counterfactual to try: keep the run's decisions before <paramref name="Step"/>, make the oracle's
/// <paramref name="Oracle"/> there instead of the run's <paramref name="Run"/>.</summary>
/// <param name="Step">The 0-based decision index in the run.</param>
/// <param name="Oracle">The oracle's decision that belongs at that point.</param>
/// <param name="Run">What the run did there; null where it had stopped.</param>
internal sealed record Substitution(int Step, TraceAction Oracle, TraceAction? Run);
