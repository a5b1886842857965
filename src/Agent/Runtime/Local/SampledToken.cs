namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>A token the decode scheduler sampled for one conversation, with its log-probabilities when they were asked for.</summary>
/// <param name="Token">The sampled token.</param>
/// <param name="Logits">Its position's log-probabilities, or null when the request recorded none.</param>
internal readonly record struct SampledToken(LLama.Native.LLamaToken Token, SampledLogits? Logits);
