namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>One category's decisive decisions.</summary>
/// <param name="Category">The category.</param>
/// <param name="Explained">Failed tasks replayed.</param>
/// <param name="ByDecision">Attributable tasks by the kind of their decisive decision.</param>
/// <param name="NotAttributable">Tasks no substitution made pass.</param>
/// <param name="HintAgrees">Attributable tasks whose decisive step is the first departure.</param>
public sealed record CategoryExplanation(int Category, int Explained, IReadOnlyDictionary<string, int> ByDecision, int NotAttributable, int HintAgrees)
{
    /// <summary>Tasks some substitution made pass.</summary>
    public int Attributable => Explained - NotAttributable;
}
