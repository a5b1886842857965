namespace ClinicalAgent.Bench.PrefixCache;

/// <summary>One question answered by a new model instance: what it evaluated and how long it took to the first token.</summary>
internal sealed record PrefixCacheRow(
    string Name, int SharedPrefix, int PromptTokens, int CachedTokens, int EvaluatedTokens, TimeSpan FirstToken, TimeSpan Load, TimeSpan SaveWait);
