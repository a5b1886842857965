using LLama.Batched;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The live conversations over one model, at most <c>capacity</c>, matched to requests by the longest
/// shared token prefix. Not thread-safe: <see cref="LocalModel"/> calls it under its decode lock.
/// </summary>
internal sealed class ConversationPool(BatchedExecutor executor, int capacity, int contextSize) : IDisposable
{
    private readonly List<CachedConversation> _live = [];
    private long _clock;
    private int _nextId;

    /// <summary>Conversations alive now.</summary>
    public int Count => _live.Count;

    /// <summary>
    /// Finds the idle conversation sharing the longest prefix with the prompt and trims it to that
    /// prefix. A conversation whose known text the prompt text extends is reused whole, its tokens kept
    /// and only the rest of the text tokenized (<paramref name="tokenizeRest"/>). A conversation the prompt
    /// only partly matches is forked (images are matched by content hash and reused whole; see <see cref="CachedConversation.CommonPrefix"/>) while there is room, so the other branch keeps its cache; with no
    /// useful match a new one is started, evicting the least recently used idle conversation when the pool
    /// is full. At least one prompt token is always left to evaluate, because sampling needs fresh logits.
    /// Returns null, changing nothing, while the conversations in use have reserved so much of the shared context
    /// that this prompt and its <paramref name="reserve"/> would not fit beside them: the caller waits for a return.
    /// </summary>
    public ConversationLease? Lease(PromptInput prompt, int reserve, Func<int, int, PromptTail> tokenizeRest)
    {
        var tokens = prompt.Tokens;
        var reserved = _live.Where(c => c.InUse).Sum(c => c.Reserved);
        if (reserved + tokens.Count + reserve > contextSize)
            return null;
        CachedConversation? best = null;
        var bestPrefix = 0;
        CachedConversation? byText = null;
        foreach (var c in _live)
        {
            if (c.InUse)
                continue;
            var p = c.CommonPrefix(prompt);
            if (best is null || p > bestPrefix || (p == bestPrefix && c.LastUsed > best.LastUsed))
                (best, bestPrefix) = (c, p);
            if (c.Text is { } text && prompt.Text.Length > text.Length && prompt.Text.StartsWith(text, StringComparison.Ordinal)
                && c.ImagesMatchText(prompt, text.Length) && c.Tokens.Count > (byText?.Tokens.Count ?? 0))
                byText = c;
        }

        if (byText is not null && byText.Tokens.Count > bestPrefix)
        {
            var rest = tokenizeRest(byText.Text!.Length, byText.Tokens.Count);
            if (rest.Tokens.Count > 0 && reserved + byText.Tokens.Count + rest.Tokens.Count + reserve <= contextSize)
            {
                byText.Text = null;
                return Hand(byText, byText.Tokens.Count, forked: false, [.. byText.Tokens, .. rest.Tokens], [.. byText.Images, .. rest.Images], reserve);
            }
        }

        var reuse = OutsideImages(Math.Min(bestPrefix, tokens.Count - 1), prompt.Images);
        if (best is not null && reuse > 0)
        {
            if (reuse < best.Tokens.Count && _live.Count < capacity)
            {
                var fork = Add(best.Conversation.Fork());
                fork.Tokens.AddRange(best.Tokens);
                fork.Images.AddRange(best.Images);
                fork.TruncateTo(reuse);
                return Hand(fork, reuse, forked: true, tokens, prompt.Images, reserve);
            }

            best.TruncateTo(reuse);
            best.Text = null;
            return Hand(best, reuse, forked: false, tokens, prompt.Images, reserve);
        }

        if (_live.Count >= capacity)
            Evict(LeastRecentlyUsedIdle() ?? throw new InvalidOperationException("Every cached conversation is in use."));
        return Hand(Add(executor.Create()), 0, forked: false, tokens, prompt.Images, reserve);
    }

    /// <summary>Moves a cut inside one of the prompt's images back to that image's start.</summary>
    private static int OutsideImages(int cut, IReadOnlyList<ImageSpan> images) =>
        images.FirstOrDefault(i => i.Start < cut && i.End > cut) is { } inside ? inside.Start : cut;

    private ConversationLease Hand(CachedConversation chosen, int reused, bool forked, IReadOnlyList<LLamaToken> prompt,
        IReadOnlyList<ImageSpan> images, int reserve)
    {
        chosen.InUse = true;
        chosen.LastUsed = ++_clock;
        chosen.Reserved = prompt.Count + reserve;
        MakeRoom();
        return new ConversationLease(chosen, reused, forked, prompt, images);
    }

    /// <summary>Hands a conversation back; a broken one (its cache no longer matches its record) is dropped.</summary>
    public void Return(CachedConversation conversation)
    {
        conversation.InUse = false;
        conversation.Reserved = 0;
        conversation.LastUsed = ++_clock;
        if (conversation.Broken)
            Evict(conversation);
    }

    /// <summary>
    /// The KV cells are shared by all sequences, so idle conversations are evicted (least recently used first)
    /// until they fit beside what the conversations in use have reserved. Forks share cells, so the sum
    /// over-counts: eviction is early, never late.
    /// </summary>
    private void MakeRoom()
    {
        while (_live.Sum(c => c.InUse ? c.Reserved : c.Tokens.Count) > contextSize)
        {
            var victim = LeastRecentlyUsedIdle();
            if (victim is null)
                return;
            Evict(victim);
        }
    }

    /// <summary>Evicts every idle conversation.</summary>
    public void Clear()
    {
        foreach (var c in _live.Where(c => !c.InUse).ToList())
            Evict(c);
    }

    private CachedConversation Add(Conversation conversation)
    {
        var cached = new CachedConversation(conversation, ++_nextId);
        _live.Add(cached);
        return cached;
    }

    private CachedConversation? LeastRecentlyUsedIdle() => _live.Where(c => !c.InUse).MinBy(c => c.LastUsed);

    private void Evict(CachedConversation conversation)
    {
        _live.Remove(conversation);
        conversation.Dispose();
    }

    public void Dispose()
    {
        foreach (var c in _live)
            c.Dispose();
        _live.Clear();
    }
}
