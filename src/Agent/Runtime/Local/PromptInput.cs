using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>A rendered prompt and its tokens; an image's positions hold its stand-in tokens and are listed in <see cref="Images"/>.</summary>
internal sealed record PromptInput(string Text, IReadOnlyList<LLamaToken> Tokens)
{
    /// <summary>The images, in position order.</summary>
    public IReadOnlyList<ImageSpan> Images { get; init; } = [];

    /// <summary>
    /// Leading tokens that are the system prompt and the tool declarations, whose KV state the persistent prefix cache
    /// keeps; 0 for none (no such prefix, an image inside it, or the cache is off).
    /// </summary>
    public int SharedPrefix { get; init; }
}
