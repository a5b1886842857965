namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>A task before it has an id: one patient in one branch of one category.</summary>
/// <param name="Category">The category, 1–10.</param>
/// <param name="Mrn">The patient, or null for a "not found" case (a lookup, blood pressure or referral naming nobody).</param>
/// <param name="Positive">The side of the balance: an action (or a found value) versus none.</param>
/// <param name="Values">The placeholders of the category's prompt, and the task's inputs.</param>
/// <param name="Expected">The expected outcome.</param>
/// <param name="Sol">MedAgentBench's <c>sol</c> (category 1 only).</param>
internal sealed record TaskCase(
    int Category,
    string? Mrn,
    bool Positive,
    IReadOnlyDictionary<string, string> Values,
    TaskExpectation Expected,
    IReadOnlyList<string>? Sol = null);
