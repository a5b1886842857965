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

    /// <summary>The images among <see cref="Tokens"/> (their positions hold stand-in tokens), in position order.</summary>
    public List<ImageSpan> Images { get; } = [];

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

    /// <summary>
    /// Length of the prefix <paramref name="prompt"/> shares with the cache: equal tokens, and at each cached image
    /// the same image (by content hash) at the same place. The prefix never ends inside an image, which is reused whole
    /// or not at all.
    /// </summary>
    public int CommonPrefix(PromptInput prompt)
    {
        var tokens = prompt.Tokens;
        var n = Math.Min(tokens.Count, Tokens.Count);
        var i = 0;
        while (i < n && tokens[i] == Tokens[i])
            i++;
        foreach (var image in Images)
        {
            if (image.Start >= i)
                break;
            var same = prompt.Images.FirstOrDefault(p => p.Start == image.Start);
            if (image.End > i || same is null || same.Count != image.Count || !string.Equals(same.Hash, image.Hash, StringComparison.Ordinal))
                return image.Start;
        }

        return i;
    }

    /// <summary>Whether the prompt's images before <paramref name="textLength"/> are this conversation's, in the same places of the text.</summary>
    public bool ImagesMatchText(PromptInput prompt, int textLength)
    {
        var before = prompt.Images.Where(p => p.TextOffset < textLength).ToList();
        return before.Count == Images.Count
            && before.Zip(Images).All(pair => pair.First.TextOffset == pair.Second.TextOffset
                && string.Equals(pair.First.Hash, pair.Second.Hash, StringComparison.Ordinal));
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
        if (Images.Any(i => i.Start < keep && i.End > keep))
            throw new InvalidOperationException($"A cached conversation was cut at {keep}, inside an image.");
        Images.RemoveAll(i => i.Start >= keep);
    }

    public void Dispose() => Conversation.Dispose();
}
