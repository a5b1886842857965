using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>A conversation handed to one request, and how many prompt tokens its cache already holds.</summary>
/// <param name="Conversation">The conversation, trimmed to the reused prefix.</param>
/// <param name="ReusedTokens">Leading tokens of <paramref name="Prompt"/> already in its KV cache.</param>
/// <param name="Forked">Whether it was forked from another conversation that keeps its own tail.</param>
/// <param name="Prompt">The tokens to have in context: the request's own, or, when matched by text, the
/// cached tokens followed by the rest of the text tokenized.</param>
/// <param name="Images">The images among <paramref name="Prompt"/>'s positions, in order.</param>
internal sealed record ConversationLease(
    CachedConversation Conversation, int ReusedTokens, bool Forked, IReadOnlyList<LLamaToken> Prompt, IReadOnlyList<ImageSpan> Images)
{
    /// <summary>The shared prefix no cache file holds yet: evaluated on its own and saved (<see cref="PrefixCaching.PrefixCache"/>).</summary>
    public PrefixCaching.PrefixCacheKey? SavePrefix { get; init; }

    /// <summary>Prompt tokens <paramref name="start"/> to <paramref name="end"/> (exclusive), for one member of the decode scheduler.</summary>
    public LLamaToken[] PromptSlice(int start, int end)
    {
        var chunk = new LLamaToken[end - start];
        for (var i = start; i < end; i++)
            chunk[i - start] = Prompt[i];
        return chunk;
    }
}
