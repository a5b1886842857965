using System.Diagnostics;
using LLama.Batched;
using LLama.Native;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// Continuous batching over one llama.cpp context: every conversation that has tokens to evaluate joins, and each step
/// decodes them all in one batch (one <c>Infer</c>), then samples each generating conversation from its own row of
/// logits before the next step replaces them. Members join and leave between steps. A step carries at most
/// <c>batchSize</c> tokens: conversations that are generating go first (one token each), prompts fill the rest, so a
/// long prompt is evaluated in chunks beside the others' tokens instead of stalling them.
/// </summary>
/// <remarks>
/// Each step holds <c>exclusive</c>, the lock that guards the context: leasing a conversation, an image's decode and
/// cache eviction take it too, so they happen between steps, when no batch is queued and no logits are waiting to be
/// sampled. The loop runs while there are members and stops when the last one leaves.
/// </remarks>
internal sealed class DecodeScheduler(BatchedExecutor executor, SemaphoreSlim exclusive, int batchSize, string modelId)
{
    private readonly Lock _gate = new();
    private readonly List<BatchMember> _joining = [];
    private readonly List<BatchMember> _members = [];
    private bool _running;
    private long _steps;
    private long _tokens;
    private long _conversationSteps;
    private int _widestStep;
    private StepTimes _time;

    /// <summary>Steps, tokens and conversations decoded so far.</summary>
    public DecodeCounters Counters
    {
        get
        {
            lock (_gate)
                return new DecodeCounters(_steps, _tokens, _conversationSteps, _widestStep, _time);
        }
    }

    /// <summary>Adds a member; it takes part from the next step on.</summary>
    public void Join(BatchMember member)
    {
        lock (_gate)
        {
            _joining.Add(member);
            if (_running)
                return;
            _running = true;
        }

        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            lock (_gate)
            {
                _members.AddRange(_joining);
                _joining.Clear();
                if (_members.Count == 0)
                {
                    _running = false;
                    return;
                }
            }

            await exclusive.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                // Later joiners (who leased while this step waited for the lock) come along at once.
                lock (_gate)
                {
                    _members.AddRange(_joining);
                    _joining.Clear();
                }

                await StepAsync().ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Not a member's own failure (those are handled in the step): nothing in this batch can be trusted.
                foreach (var member in _members)
                    member.Fail(e);
                _members.Clear();
            }
            finally
            {
                exclusive.Release();
            }
        }
    }

    /// <summary>One batch: drop the stopped, prompt every member's share, decode once, sample, hand out the tokens.</summary>
    private async Task StepAsync()
    {
        foreach (var stopped in _members.Where(m => m.Stopping).ToList())
        {
            _members.Remove(stopped);
            stopped.Cancel();
        }

        var step = Compose();
        if (step.Count == 0)
            return;

        foreach (var (member, chunk) in step)
        {
            // A failure from here on leaves llama.cpp's state for this sequence unknown: the pool drops it.
            member.Conversation.Broken = true;
            member.Conversation.Conversation.Prompt(chunk.AsSpan());
        }

        // Not cancellable: a decode aborted half way leaves the batch queued and the caches unknown.
        var decodeStart = Stopwatch.GetTimestamp();
        var result = await executor.Infer(CancellationToken.None).ConfigureAwait(false);
        var decoded = Stopwatch.GetElapsedTime(decodeStart);
        if (result != DecodeResult.Ok)
        {
            var tokens = step.Sum(s => s.Chunk.Length);
            var error = new InvalidOperationException($"llama.cpp could not decode {tokens} tokens of {step.Count} conversations for '{modelId}': {result}.");
            foreach (var (member, _) in step)
            {
                _members.Remove(member);
                member.Fail(error);
            }

            return;
        }

        lock (_gate)
        {
            _steps++;
            _tokens += step.Sum(s => s.Chunk.Length);
            _conversationSteps += step.Count;
            _widestStep = Math.Max(_widestStep, step.Count);
            _time = _time with { Decode = _time.Decode + decoded };
        }

        Settle(step);
    }

    /// <summary>
    /// Each member's share of the next batch, at most <c>batchSize</c> tokens in all: generating members first, one
    /// token each, then prompts in the order they joined, the last one cut to what is left.
    /// </summary>
    private List<(BatchMember Member, LLamaToken[] Chunk)> Compose()
    {
        var step = new List<(BatchMember, LLamaToken[])>();
        var room = batchSize;
        foreach (var member in _members.Where(m => m.Sampled > 0).Concat(_members.Where(m => m.Sampled == 0)))
        {
            var count = Math.Min(member.Pending, room);
            if (count == 0)
                continue;
            step.Add((member, member.Take(count)));
            room -= count;
        }

        return step;
    }

    /// <summary>After a good decode: records the chunks, samples the members whose prompts are done, hands out the tokens.</summary>
    private void Settle(List<(BatchMember Member, LLamaToken[] Chunk)> step)
    {
        var sampling = new List<BatchMember>();
        foreach (var (member, chunk) in step)
        {
            var conversation = member.Conversation;
            conversation.Tokens.AddRange(chunk);
            member.Stats.DecodeSteps++;
            if (step.Count > 1)
                member.Stats.SharedDecodeSteps++;
            if (member.Pending > 0)
            {
                conversation.Broken = false;
            }
            else if (member.Sampler is null)
            {
                conversation.Broken = false;
                _members.Remove(member);
                member.Finish();
            }
            else
            {
                sampling.Add(member);
            }
        }

        if (sampling.Count == 0)
            return;
        var outcomes = SampleAll(sampling);
        for (var i = 0; i < sampling.Count; i++)
        {
            var member = sampling[i];
            if (outcomes[i].Error is { } error)
            {
                _members.Remove(member);
                member.Fail(error);
                continue;
            }

            member.Conversation.Broken = false;
            if (!member.Emit(outcomes[i].Token))
            {
                _members.Remove(member);
                member.Finish();
            }
        }
    }

    /// <summary>
    /// Samples every member whose prompt is done, one after another, each straight from the context's logits. The
    /// longest part is the grammar's check of the whole 262,144-token vocabulary (longer than the decode); each member's
    /// check is spread over every core in slices. Sampling the members in parallel instead (one core each) was slower
    /// on the 2-core machine at 4 members (ADR 0023, addendum): four checks at once fight over the cores and the
    /// allocator, while one check in slices keeps both busy.
    /// </summary>
    private (SampledToken Token, Exception? Error)[] SampleAll(List<BatchMember> sampling)
    {
        var context = executor.Context.NativeHandle;
        var outcomes = new (SampledToken, Exception?)[sampling.Count];
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < sampling.Count; i++)
        {
            var member = sampling[i];
            member.Clock.Reset();
            outcomes[i] = Try(() => Sample(member, context.GetLogitsIth(member.Conversation.Conversation.GetSampleIndex()), Environment.ProcessorCount));
        }

        Add(sampling, Stopwatch.GetElapsedTime(start));
        return outcomes;
    }

    private static (SampledToken, Exception?) Try(Func<SampledToken> sample)
    {
        try
        {
            return (sample(), null);
        }
        catch (Exception e)
        {
            // A grammar dead end, say: only this member fails.
            return (default, e);
        }
    }

    /// <summary>Samples the member's next token; with a recorder, measures the raw logits first (the sampler works on its own copy).</summary>
    private SampledToken Sample(BatchMember member, ReadOnlySpan<float> logits, int threads)
    {
        var context = executor.Context.NativeHandle;
        var recorder = member.Generation!.Recorder;
        var measured = recorder?.Measure(logits);
        var next = member.Sampler!.Sample(context, logits, member.Clock, threads);
        return new SampledToken(next, measured is { } m ? LogitsRecorder.Position(m, logits, next) : null);
    }

    private void Add(List<BatchMember> sampled, TimeSpan sampling)
    {
        lock (_gate)
        {
            var time = _time with { Sampling = _time.Sampling + sampling, Samples = _time.Samples + sampled.Count };
            foreach (var clock in sampled.Select(m => m.Clock))
            {
                time = time with
                {
                    Copy = time.Copy + clock.Copy, Chain = time.Chain + clock.Chain, Grammar = time.Grammar + clock.Grammar,
                    FullGrammarSamples = time.FullGrammarSamples + clock.FullGrammar, GrammarChecks = time.GrammarChecks + clock.GrammarChecks,
                };
            }

            _time = time;
        }
    }
}
