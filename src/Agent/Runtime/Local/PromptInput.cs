using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>A rendered prompt and its tokens.</summary>
internal sealed record PromptInput(string Text, IReadOnlyList<LLamaToken> Tokens);
