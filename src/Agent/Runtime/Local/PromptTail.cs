using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>The tokens and images of a prompt from some text offset on, positioned after a cached conversation's tokens.</summary>
internal sealed record PromptTail(IReadOnlyList<LLamaToken> Tokens, IReadOnlyList<ImageSpan> Images);
