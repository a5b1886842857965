using System.Threading.Channels;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// One conversation's place in the <see cref="DecodeScheduler"/>: the tokens it still has to evaluate and, when it
/// generates, its sampler and how it stops. The scheduler feeds each sampled token back as the next step's input, so a
/// generating member keeps decoding with the others whether or not its reader has caught up; the reader gets the
/// tokens from <see cref="Tokens"/>. Only the scheduler touches the conversation while the member is in it, and it
/// leaves between steps, so the conversation's record always matches what llama.cpp evaluated.
/// </summary>
internal sealed class BatchMember : IDisposable
{
    private readonly Channel<SampledToken> _tokens = Channel.CreateUnbounded<SampledToken>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop;
    private LLamaToken[] _pending;
    private int _offset;

    /// <summary>A member that evaluates <paramref name="tokens"/> and, given a pipeline, then generates.</summary>
    /// <param name="conversation">The leased conversation the tokens go into.</param>
    /// <param name="tokens">Tokens to evaluate before the first sample (at least one).</param>
    /// <param name="sampler">The request's sampler, or null to evaluate only (the text before an image).</param>
    /// <param name="generation">How a generating member stops and what it records; null to evaluate only.</param>
    /// <param name="stats">The request's counters; the scheduler adds the steps it took part in.</param>
    /// <param name="cancellationToken">The request's cancellation, honoured between steps.</param>
    public BatchMember(CachedConversation conversation, LLamaToken[] tokens, ReplySampler? sampler, MemberGeneration? generation,
        GenerationStats stats, CancellationToken cancellationToken)
    {
        if (tokens.Length == 0)
            throw new ArgumentException("A member needs at least one token to evaluate.", nameof(tokens));
        if ((sampler is null) != (generation is null))
            throw new ArgumentException("A sampler and its stopping rule come together.", nameof(generation));
        Conversation = conversation;
        Sampler = sampler;
        Generation = generation;
        Stats = stats;
        _pending = tokens;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public CachedConversation Conversation { get; }

    /// <summary>The sampler, or null for a member that only evaluates.</summary>
    public ReplySampler? Sampler { get; }

    /// <summary>This step's sampling phases (the scheduler's, reset every step).</summary>
    public SamplingClock Clock { get; } = new();

    public MemberGeneration? Generation { get; }

    public GenerationStats Stats { get; }

    /// <summary>Tokens sampled so far, the end-of-turn token included.</summary>
    public int Sampled { get; private set; }

    /// <summary>Tokens waiting to be evaluated: the rest of the prompt, or the last sampled token.</summary>
    public int Pending => _pending.Length - _offset;

    /// <summary>Whether the request was cancelled or its reader stopped reading: the member leaves before the next step.</summary>
    public bool Stopping => _stop.IsCancellationRequested;

    /// <summary>Sampled tokens in order; completes when the member leaves.</summary>
    public ChannelReader<SampledToken> Tokens => _tokens.Reader;

    /// <summary>Completes when the member has left the scheduler: faulted with a decode or sampling failure, cancelled when stopped.</summary>
    public Task Completion => _done.Task;

    /// <summary>Asks the scheduler to drop this member before its next step (idempotent).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>The next <paramref name="count"/> pending tokens, now handed to a step.</summary>
    public LLamaToken[] Take(int count)
    {
        var chunk = _pending.AsSpan(_offset, count).ToArray();
        _offset += count;
        return chunk;
    }

    /// <summary>Hands a sampled token to the reader; false when the member is done (end of turn or output budget).</summary>
    public bool Emit(SampledToken sampled)
    {
        Sampled++;
        _tokens.Writer.TryWrite(sampled);
        if (Generation!.EndsTurn(sampled.Token) || Sampled >= Generation.MaxOutputTokens)
            return false;
        // The token just sampled is what this conversation evaluates next.
        _pending = [sampled.Token];
        _offset = 0;
        return true;
    }

    /// <summary>Leaves normally: its tokens are all evaluated and the reader has every sampled token.</summary>
    public void Finish()
    {
        _tokens.Writer.TryComplete();
        _done.TrySetResult();
    }

    /// <summary>Leaves because a step failed; the conversation stays marked broken.</summary>
    public void Fail(Exception error)
    {
        _tokens.Writer.TryComplete();
        _done.TrySetException(error);
    }

    /// <summary>Leaves because it was stopped, between steps.</summary>
    public void Cancel()
    {
        _tokens.Writer.TryComplete();
        _done.TrySetCanceled(_stop.Token);
    }

    public void Dispose() => _stop.Dispose();
}
