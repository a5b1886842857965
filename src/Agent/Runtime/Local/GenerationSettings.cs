using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>What one generation may do: its token budget and how it samples.</summary>
/// <param name="MaxOutputTokens">Most tokens to generate.</param>
/// <param name="Temperature">Sampling temperature.</param>
/// <param name="Seed">Sampling seed.</param>
/// <param name="Grammar">GBNF grammar with root rule <c>root</c>, or null for free text.</param>
/// <param name="TopK">Top-k cut, or null for the pipeline's default.</param>
/// <param name="TopP">Nucleus cut, or null for the pipeline's default.</param>
/// <param name="LogProbabilityAlternatives">Alternatives to record per position with the sampled token's
/// log-probability (<see cref="LogProbabilities"/>), or null to record none.</param>
internal sealed record GenerationSettings(
    int MaxOutputTokens, float Temperature, uint Seed, string? Grammar, int? TopK = null, float? TopP = null,
    int? LogProbabilityAlternatives = null)
{
    /// <summary>A fresh llama.cpp sampler chain for one reply (the grammar state is per reply).</summary>
    /// <param name="banned">Tokens never to sample, with a bias of negative infinity.</param>
    /// <param name="forest">The model's vocabulary by prefix, asked for when a grammar first masks the whole vocabulary,
    /// to mask it by levels; null checks every token.</param>
    public ReplySampler CreateSampler(IReadOnlyDictionary<LLamaToken, float> banned, Func<GrammarTokenForest>? forest = null) => new(this, banned, forest);
}
