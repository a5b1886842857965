namespace ClinicalAgent.Evaluation.Tasks;

/// <summary>
/// The forms a generated task set comes in, named in the task file's <c>profile</c> field so a runner can pick the
/// grader that set was written for.
/// </summary>
public static class TaskProfiles
{
    /// <summary>
    /// Our own benchmark: every payload convention stated in the context, LOINC codes, action and no-action cases
    /// balanced, "patient not found" branches in categories 1, 3 and 8. Task files of this profile carry no
    /// <c>profile</c> field, as before profiles existed.
    /// </summary>
    public const string ClinicalAgent = "clinicalagent";

    /// <summary>
    /// MedAgentBench's own form, for its official graders: contexts worded as the benchmark's (its lab codes MG, K, GLU,
    /// A1C; no conventions beyond what it states), category 3 always <c>118/77 mmHg</c>, category 8 always
    /// <see cref="Grading.Official.OfficialTexts.ReferralNote"/>, no "not found" branch in 3 and 8, NOW fixed at
    /// <see cref="BenchTask.MedAgentBenchNow"/>. Needs a store seeded with <c>--style medagentbench</c>.
    /// </summary>
    public const string Official = "official";

    /// <summary>The profiles <c>bench generate --profile</c> accepts.</summary>
    public static IReadOnlyList<string> All { get; } = [ClinicalAgent, Official];
}
