namespace ClinicalAgent.Evaluation.Grading;

/// <summary>One grading profile's verdict on one task, kept in its result file.</summary>
/// <param name="Profile"><c>clinicalagent</c> or <c>official</c>.</param>
/// <param name="Passed">The verdict.</param>
/// <param name="Failures">The rules that failed, in words (the official profile stops at its first, as its graders do).</param>
/// <param name="Rule">The rule that decided, pass or fail (<c>task5.route</c>; ours: the first failure or <c>all rules held</c>).</param>
public sealed record ProfileVerdict(string Profile, bool Passed, IReadOnlyList<string> Failures, string? Rule = null);
