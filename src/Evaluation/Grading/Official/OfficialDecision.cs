namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>The official grader's decision on one task and the rule that made it.</summary>
/// <param name="Passed">True when the official grader returns True.</param>
/// <param name="Rule">The rule that decided, e.g. <c>task5.route</c> or <c>task5.no-magnesium-in-24h</c>.</param>
/// <param name="Reason">The rule in words, with what the episode held.</param>
public sealed record OfficialDecision(bool Passed, string Rule, string Reason)
{
    /// <summary>The decision in one line: <c>task5.route: ...</c>.</summary>
    public override string ToString() => $"{Rule}: {Reason}";

    internal static OfficialDecision Pass(string rule, string reason) => new(true, rule, reason);

    internal static OfficialDecision Fail(string rule, string reason) => new(false, rule, reason);
}
