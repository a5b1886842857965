using LLama.Batched;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The model's one llama.cpp context and the conversations kept in it: the lock that gives exclusive use of it, the
/// <see cref="ConversationPool"/>, and the <see cref="DecodeScheduler"/> that decodes the requests in flight together.
/// Everything that touches the context's state goes through here, under the lock, between the scheduler's steps:
/// leasing and returning a conversation, an image's decode, clearing the cache.
/// </summary>
internal sealed class SharedContext : IDisposable
{
    // Exclusive use of the context: a decode step, a lease, an image's decode, eviction. One at a time, between steps.
    private readonly SemaphoreSlim _exclusive = new(1, 1);
    private readonly ConversationPool _pool;
    private readonly DecodeScheduler _scheduler;
    private TaskCompletionSource _returned = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="executor">The context's executor; its owner disposes it after this.</param>
    /// <param name="conversations">Conversations kept at most.</param>
    /// <param name="contextSize">KV cells shared by them.</param>
    /// <param name="batchSize">Most tokens one decode step carries.</param>
    /// <param name="modelId">The model's name, for error messages.</param>
    public SharedContext(BatchedExecutor executor, int conversations, int contextSize, int batchSize, string modelId)
    {
        Executor = executor;
        _pool = new ConversationPool(executor, conversations, contextSize);
        _scheduler = new DecodeScheduler(executor, _exclusive, batchSize, modelId);
    }

    public BatchedExecutor Executor { get; }

    /// <summary>The lock itself, for the prefix cache's loads and saves (they copy a sequence's state in and out).</summary>
    public SemaphoreSlim Exclusive => _exclusive;

    /// <summary>Conversations whose KV cache is alive now.</summary>
    public int CachedConversations => _pool.Count;

    /// <summary>What the scheduler has done since the model loaded.</summary>
    public DecodeCounters Counters => _scheduler.Counters;

    /// <summary>Holds the context until disposed: requests made meanwhile queue in order and then start together.</summary>
    public async Task<IDisposable> HoldAsync(CancellationToken cancellationToken)
    {
        await _exclusive.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ContextHold(_exclusive);
    }

    /// <summary>Drops every idle cached conversation.</summary>
    public Task ClearAsync(CancellationToken cancellationToken) => RunExclusiveAsync(_pool.Clear, cancellationToken);

    /// <summary>
    /// A conversation for <paramref name="input"/> when the requests in flight leave room for its prompt and
    /// <paramref name="reserve"/> output tokens; otherwise null, with a task that completes when one is returned.
    /// </summary>
    public async Task<(ConversationLease? Lease, Task Returned)> TryLeaseAsync(PromptInput input, int reserve,
        Func<int, int, PromptTail> tokenizeRest, CancellationToken cancellationToken)
    {
        await _exclusive.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return (_pool.Lease(input, reserve, tokenizeRest), _returned.Task);
        }
        finally
        {
            _exclusive.Release();
        }
    }

    /// <summary>Evaluates <paramref name="tokens"/> into the conversation in the scheduler's steps, generating nothing.</summary>
    public async Task EvaluateAsync(CachedConversation conversation, LLamaToken[] tokens, GenerationStats stats, CancellationToken cancellationToken)
    {
        using var member = new BatchMember(conversation, tokens, null, null, stats, cancellationToken);
        _scheduler.Join(member);
        await member.Completion.ConfigureAwait(false);
    }

    /// <summary>A member that evaluates <paramref name="tokens"/> and then generates, already in the scheduler.</summary>
    public BatchMember Generate(CachedConversation conversation, LLamaToken[] tokens, ReplySampler sampler, MemberGeneration generation,
        GenerationStats stats, CancellationToken cancellationToken)
    {
        var member = new BatchMember(conversation, tokens, sampler, generation, stats, cancellationToken);
        _scheduler.Join(member);
        return member;
    }

    /// <summary>
    /// Gives a conversation back to the pool once its member has left the scheduler; <paramref name="settle"/> runs just
    /// before, under the lock (remembering the reply's text). Wakes the requests waiting for room.
    /// </summary>
    public Task ReturnAsync(CachedConversation conversation, Action settle) => RunExclusiveAsync(() =>
    {
        settle();
        _pool.Return(conversation);
        var returned = _returned;
        _returned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        returned.TrySetResult();
    }, CancellationToken.None);

    /// <summary>Runs <paramref name="action"/> with exclusive use of the context, between decode steps.</summary>
    public async Task RunExclusiveAsync(Action action, CancellationToken cancellationToken)
    {
        await _exclusive.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            action();
        }
        finally
        {
            _exclusive.Release();
        }
    }

    /// <summary>Frees the conversations (the executor is its owner's to dispose, after this).</summary>
    public void Dispose()
    {
        _pool.Dispose();
        _exclusive.Dispose();
    }
}
