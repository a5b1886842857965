namespace ClinicalAgent.Evaluation.Judging;

/// <summary>What a set of judgments says, with the figures judge hygiene asks for.</summary>
/// <param name="Pairs">Pairs judged.</param>
/// <param name="MeanPreference">Mean P(A preferred) over the pairs.</param>
/// <param name="PreferredA">Pairs whose preference favours A.</param>
/// <param name="PreferredB">Pairs whose preference favours B.</param>
/// <param name="Consistency">Pairs whose two orders' hard choices named the same answer.</param>
/// <param name="FirstPosition">Orders (two per pair) whose hard choice was the answer shown first: 50% is no position bias.</param>
/// <param name="Agreement">Of the pairs where the rule grader prefers one answer, those where the judge prefers the same.</param>
/// <param name="Forced">Orders whose second choice token was read by a forced call.</param>
/// <param name="Bounded">Orders where it could not be read and its upper bound was used.</param>
/// <param name="CallsPerPair">Mean model calls per pair.</param>
/// <param name="InputTokensPerPair">Mean prompt tokens per pair.</param>
/// <param name="OutputTokensPerPair">Mean generated tokens per pair.</param>
/// <param name="WallMsPerPair">Mean wall time per pair.</param>
public sealed record JudgeSummary(
    int Pairs,
    double MeanPreference,
    int PreferredA,
    int PreferredB,
    RateInterval Consistency,
    RateInterval FirstPosition,
    RateInterval Agreement,
    int Forced,
    int Bounded,
    double CallsPerPair,
    double InputTokensPerPair,
    double OutputTokensPerPair,
    double WallMsPerPair)
{
    /// <summary>The summary of <paramref name="judgments"/>.</summary>
    public static JudgeSummary Of(IReadOnlyList<PairJudgment> judgments)
    {
        ArgumentNullException.ThrowIfNull(judgments);
        var orders = judgments.SelectMany(j => j.Orders).ToList();
        var graded = judgments.Where(j => j.AgreesWithGrader is not null).ToList();
        double Mean(Func<PairJudgment, double> value) => judgments.Count == 0 ? 0 : judgments.Average(value);
        return new JudgeSummary(
            judgments.Count,
            Mean(j => j.Preference),
            judgments.Count(j => j.Preferred == "A"),
            judgments.Count(j => j.Preferred == "B"),
            new RateInterval(judgments.Count(j => j.Consistent), judgments.Count),
            new RateInterval(orders.Count(o => o.FirstProbability >= 0.5), orders.Count),
            new RateInterval(graded.Count(j => j.AgreesWithGrader == true), graded.Count),
            orders.Count(o => o.Source == "forced"),
            orders.Count(o => o.Source == "bounded"),
            Mean(j => j.ModelCalls),
            Mean(j => j.InputTokens),
            Mean(j => j.OutputTokens),
            Mean(j => j.WallMs));
    }
}
