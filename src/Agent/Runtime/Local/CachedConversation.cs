using LLama.Batched;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// A llama.cpp sequence kept alive between requests, with the exact tokens its KV cache holds, so the
/// next request of the same conversation only evaluates what it adds.
/// </summary>
internal sealed class CachedConversation(Conversation conversation, int id) : IDisposable
{
    /// <summary>The native sequence.</summary>
    public Conversation Conversation { get; } = conversation;

    /// <summary>A number for logs.</summary>
    public int Id { get; } = id;

    /// <summary>Tokens in the KV cache, in order: always what llama.cpp has evaluated, nothing more.</summary>
    public List<LLamaToken> Tokens { get; } = [];

    /// <summary>
    /// The exact text <see cref="Tokens"/> stand for, when known (set after a reply that ended its turn).
    /// A prompt that starts with it reuses every cached token, even where the model's own tokens of its
    /// reply differ from how the tokenizer would split the same text again.
    /// </summary>
    public string? Text { get; set; }

    /// <summary>Whether a request is using this conversation now.</summary>
    public bool InUse { get; set; }

    /// <summary>
    /// While in use: the most KV cells the request holding it may fill (its prompt plus its output budget). The cells
    /// are shared by all conversations, so requests are admitted only while their reservations fit together.
    /// </summary>
    public int Reserved { get; set; }

    /// <summary>Whether a decode step failed half way, so the cache may not match <see cref="Tokens"/>.</summary>
    public bool Broken { get; set; }

    /// <summary>When a request last used it, for least-recently-used eviction.</summary>
    public long LastUsed { get; set; }

    /// <summary>Length of the prefix <paramref name="prompt"/> shares with the cached tokens.</summary>
    public int CommonPrefix(IReadOnlyList<LLamaToken> prompt)
    {
        var n = Math.Min(prompt.Count, Tokens.Count);
        var i = 0;
        while (i < n && prompt[i] == Tokens[i])
            i++;
        return i;
    }

    /// <summary>Drops cached tokens from position <paramref name="keep"/> on, in the KV cache and the record.</summary>
    public void TruncateTo(int keep)
    {
        if (keep < Tokens.Count)
            Text = null;
        var drop = Conversation.TokenCount - keep;
        if (drop > 0)
            Conversation.Rewind(drop);
        if (Tokens.Count > keep)
            Tokens.RemoveRange(keep, Tokens.Count - keep);
    }

    public void Dispose() => Conversation.Dispose();
}
