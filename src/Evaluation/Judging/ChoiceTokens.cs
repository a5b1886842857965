using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Judging;

/// <summary>
/// Reads the log-probabilities of the judge's choice tokens from a reply: from our runtime's
/// <see cref="LogProbabilities.ResponseKey"/>, or from an OpenAI-compatible server's <c>logprobs</c> (the raw
/// <see cref="OpenAI.Chat.ChatCompletion"/>). The grammar makes the reply one of the choice tokens, so the position read
/// is the first generated token whose text is a choice.
/// </summary>
internal static class ChoiceTokens
{
    /// <summary>The reply's tokens with their log-probabilities, or null when it carries none.</summary>
    public static IReadOnlyList<TokenLogProbability>? Of(ChatResponse response)
    {
        if (LogProbabilities.From(response.AdditionalProperties) is { } local)
            return local;
        if (response.RawRepresentation is not OpenAI.Chat.ChatCompletion { ContentTokenLogProbabilities: { Count: > 0 } remote })
            return null;
        return [.. remote.Select(t => new TokenLogProbability(t.Token, t.Utf8Bytes?.ToArray() ?? [], t.LogProbability,
            [.. t.TopLogProbabilities.Select(a => new TokenAlternative(a.Token, a.Utf8Bytes?.ToArray() ?? [], a.LogProbability))]))];
    }

    /// <summary>
    /// At the first position whose sampled token is one of <paramref name="choices"/>: each choice's log-probability
    /// (null for one neither sampled nor among the alternatives), and the weakest alternative listed there.
    /// </summary>
    /// <returns>Null when no generated token is a choice.</returns>
    public static (double?[] LogProbabilities, double Weakest)? At(IReadOnlyList<TokenLogProbability> tokens, IReadOnlyList<string> choices)
    {
        var position = tokens.FirstOrDefault(t => choices.Contains(t.Token.Trim(), StringComparer.Ordinal));
        if (position is null)
            return null;
        var found = new double?[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            if (position.Token.Trim() == choices[i])
                found[i] = position.LogProbability;
            else if (position.TopAlternatives.FirstOrDefault(a => a.Token == choices[i]) is { } alternative)
                found[i] = alternative.LogProbability;
        }

        var weakest = position.TopAlternatives.Count > 0 ? position.TopAlternatives.Min(a => a.LogProbability) : position.LogProbability;
        return (found, weakest);
    }
}
