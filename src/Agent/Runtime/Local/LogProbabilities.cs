using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// How a caller asks <see cref="LocalChatClient"/> for the log-probabilities of the sampled tokens, and where they come
/// back. Ask with <c>ChatOptions.AdditionalProperties[<see cref="RequestKey"/>] = n</c>, n the number of alternatives
/// per position (0 to <see cref="MaxAlternatives"/>). The reply carries an
/// <c>IReadOnlyList&lt;<see cref="TokenLogProbability"/>&gt;</c> under <see cref="ResponseKey"/> in
/// <see cref="ChatResponse.AdditionalProperties"/>; when streaming, each <see cref="ChatResponseUpdate"/> carries the
/// tokens decoded since the previous update, so the lists concatenate to the whole reply's. One entry per generated
/// token (the end-of-turn token excluded), in order.
/// </summary>
/// <remarks>
/// The values are the model's distribution at each position: a log-softmax over the raw logits, taken before
/// temperature, top-k/top-p, banned tokens and grammar masking. They say how likely the model found a token, not how
/// it was drawn: a token the grammar forced can have a low log-probability, which is exactly what a judge wants to see.
/// </remarks>
public static class LogProbabilities
{
    /// <summary>Key in <see cref="ChatOptions.AdditionalProperties"/>: an <see cref="int"/>, alternatives per token.</summary>
    public const string RequestKey = "clinicalagent.logprobs";

    /// <summary>Key in the response's or update's <c>AdditionalProperties</c>: the tokens' <see cref="TokenLogProbability"/> list.</summary>
    public const string ResponseKey = "clinicalagent.logprobs";

    /// <summary>The most alternatives per position a caller may ask for (as OpenAI's <c>top_logprobs</c>).</summary>
    public const int MaxAlternatives = 20;

    /// <summary>The log-probabilities a response carries, or null when none were asked for.</summary>
    public static IReadOnlyList<TokenLogProbability>? From(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(ResponseKey, out var value) ? value as IReadOnlyList<TokenLogProbability> : null;

    /// <summary>Reads the requested number of alternatives from <paramref name="options"/>; null when not asked.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is not an integer from 0 to <see cref="MaxAlternatives"/>.</exception>
    internal static int? Requested(ChatOptions? options)
    {
        if (options?.AdditionalProperties is not { } properties || !properties.TryGetValue(RequestKey, out var value) || value is null)
            return null;
        var count = value switch
        {
            int i => i,
            long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e when e.TryGetInt32(out var j) => j,
            _ => -1,
        };
        if (count is < 0 or > MaxAlternatives)
            throw new ArgumentOutOfRangeException(nameof(options), value, $"{RequestKey} must be an integer from 0 to {MaxAlternatives}.");
        return count;
    }
}
