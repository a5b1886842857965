namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// The judge's verdict on one pair: one line of <c>judgments.jsonl</c>. <see cref="Preference"/> is the probability
/// that A is the better answer, averaged over both orders so a judge's position bias cancels; <see cref="Margin"/>
/// how sure it is (<c>|2·preference − 1|</c>: 0 a tie, 1 certain); <see cref="Consistent"/> whether its hard choice
/// named the same answer in both orders.
/// </summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Category">The task's category.</param>
/// <param name="A">Run A's name.</param>
/// <param name="B">Run B's name, or <c>reference</c>.</param>
/// <param name="Preference">P(A preferred), the mean over the two orders.</param>
/// <param name="Margin"><c>|2·Preference − 1|</c>, in [0, 1]; the figure preference export filters on.</param>
/// <param name="Preferred"><c>A</c>, <c>B</c> or <c>tie</c> (exactly 0.5).</param>
/// <param name="Consistent">Whether both orders' hard choices named the same answer.</param>
/// <param name="Orders">Both orders' verdicts, AB first.</param>
/// <param name="GraderA">The rule grader's verdict on A, where one applies.</param>
/// <param name="GraderB">The rule grader's verdict on B, where one applies (null for the reference).</param>
/// <param name="AgreesWithGrader">Whether the judge's preferred answer is the one the grader prefers; null where the
/// grader prefers neither (both passed, both failed, or no grader).</param>
/// <param name="ModelCalls">Model calls for this pair (2, more when a choice token had to be read by a forced call).</param>
/// <param name="InputTokens">Prompt tokens over those calls.</param>
/// <param name="OutputTokens">Generated tokens over those calls.</param>
/// <param name="WallMs">Wall time of the pair.</param>
public sealed record PairJudgment(
    string TaskId,
    int Category,
    string A,
    string B,
    double Preference,
    double Margin,
    string Preferred,
    bool Consistent,
    IReadOnlyList<OrderVerdict> Orders,
    bool? GraderA,
    bool? GraderB,
    bool? AgreesWithGrader,
    int ModelCalls,
    long InputTokens,
    long OutputTokens,
    double WallMs);
