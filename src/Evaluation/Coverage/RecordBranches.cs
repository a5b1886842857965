using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// The record-branch dimension: what the record holds for a task, from its expected branch, in words common to all
/// categories: <c>found</c> (the patient or value is there), <c>not_found</c> (no patient has the MRN or name and birth
/// date), <c>no_value_in_window</c> (results, but none in the last 24 hours), <c>no_value</c> (no result at all),
/// <c>several_values</c> (the answer aggregates every value in a window: the 24-hour glucose mean, a potassium trend),
/// <c>out_of_range</c> (low magnesium or potassium, an HbA1c over a year old: the branches that call for an order) and
/// <c>in_range</c> (the value is there and calls for nothing); <c>unknown</c> where a result file names no branch. A record
/// that holds the value in another unit than the task's adds <c>_other_unit</c> (<c>in_range_other_unit</c>).
/// </summary>
internal static class RecordBranches
{
    /// <summary>The branch class of a task of <paramref name="category"/> whose expected branch is <paramref name="branch"/>.</summary>
    public static string Of(int category, string? branch)
    {
        if (string.IsNullOrEmpty(branch))
            return "unknown";
        // A unit perturbation's record holds the value in another unit (UnitVariants): its own class.
        if (UnitVariants.BaseBranch(branch) is { } unitBranch)
            return Of(category, unitBranch) + UnitVariants.BranchSuffix;
        if (category == TaskCategory.FreeText)
        {
            var outcome = branch[(branch.IndexOf(':', StringComparison.Ordinal) + 1)..];
            return outcome switch
            {
                "none" => "no_value",
                "rising" or "falling" or "stable" => "several_values",
                _ => "found",
            };
        }

        return branch switch
        {
            "not_found" => "not_found",
            "none_24h" => "no_value_in_window",
            "none" => "no_value",
            "low" or "below_1" or "1_to_1.5" or "1.5_to_1.9" or "stale" => "out_of_range",
            "normal" => "in_range",
            "recent" when category == 10 => "in_range",
            "recent" when category == 6 => "several_values",
            _ => "found",
        };
    }
}
