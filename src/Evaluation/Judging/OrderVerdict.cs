namespace ClinicalAgent.Evaluation.Judging;

/// <summary>The judge's answer for one order of the pair.</summary>
/// <param name="Order"><c>AB</c> (A shown first) or <c>BA</c>.</param>
/// <param name="FirstProbability">The soft label: softmax over the log-probabilities of the choice tokens "1" and "2",
/// the probability that the answer shown first is preferred.</param>
/// <param name="LogProbabilityFirst">Log-probability of the token "1".</param>
/// <param name="LogProbabilitySecond">Log-probability of the token "2".</param>
/// <param name="Source">How both log-probabilities were read: <c>alternatives</c> (both among the reply's top
/// alternatives), <c>forced</c> (the one not there read by a second call whose grammar allows only it) or
/// <c>bounded</c> (not found even so: the weakest listed alternative's value, an upper bound).</param>
/// <param name="Calls">Model calls this order took (1, or 2 when <see cref="Source"/> is <c>forced</c>).</param>
/// <param name="InputTokens">Prompt tokens over those calls.</param>
/// <param name="OutputTokens">Generated tokens over those calls.</param>
public sealed record OrderVerdict(
    string Order,
    double FirstProbability,
    double LogProbabilityFirst,
    double LogProbabilitySecond,
    string Source,
    int Calls,
    long InputTokens,
    long OutputTokens);
