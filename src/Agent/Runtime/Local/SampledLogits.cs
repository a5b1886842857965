using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>One sampled position's log-probabilities, as token ids (turned into text by the client).</summary>
/// <param name="Token">The sampled token.</param>
/// <param name="LogProbability">Its log-probability under the raw distribution.</param>
/// <param name="Alternatives">The most likely tokens, most likely first.</param>
internal sealed record SampledLogits(LLamaToken Token, float LogProbability, IReadOnlyList<(LLamaToken Token, float LogProbability)> Alternatives);
