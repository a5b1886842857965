namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// One sampled token with its log-probability and the most likely alternatives at its position, as
/// <see cref="LogProbabilities"/> documents (the model's own distribution: before temperature, grammar masking and
/// banned tokens).
/// </summary>
/// <param name="Token">The token's text (its bytes as UTF-8; a token holding part of a character shows U+FFFD).</param>
/// <param name="Bytes">The token's exact bytes, so split characters can be joined.</param>
/// <param name="LogProbability">Natural log of the token's probability; at most 0.</param>
/// <param name="TopAlternatives">The most likely tokens at this position, most likely first (may include this one).</param>
public sealed record TokenLogProbability(string Token, byte[] Bytes, float LogProbability, IReadOnlyList<TokenAlternative> TopAlternatives);
