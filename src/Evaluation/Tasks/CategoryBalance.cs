namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>How one category's tasks split between action (or found-value) cases and no-action cases.</summary>
/// <param name="Category">The category.</param>
/// <param name="Positive">Tasks whose right outcome is an action (or, for questions, a found value).</param>
/// <param name="Negative">Tasks whose right outcome is no action (or "none").</param>
/// <param name="Branches">Tasks per branch name.</param>
public sealed record CategoryBalance(int Category, int Positive, int Negative, IReadOnlyDictionary<string, int> Branches);
