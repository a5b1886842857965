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

    /// <summary>Steps, tokens and conversations decoded so far.</summary>
    public DecodeCounters Counters
    {
        get
        {
            lock (_gate)
                return new DecodeCounters(_steps, _tokens, _conversationSteps, _widestStep);
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
        var result = await executor.Infer(CancellationToken.None).ConfigureAwait(false);
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
        }

        foreach (var (member, chunk) in step)
            Settle(member, chunk, shared: step.Count > 1);
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

    /// <summary>After a good decode: records the chunk, samples when the member's prompt is done, and lets it leave when it is finished.</summary>
    private void Settle(BatchMember member, LLamaToken[] chunk, bool shared)
    {
        var conversation = member.Conversation;
        conversation.Tokens.AddRange(chunk);
        member.Stats.DecodeSteps++;
        if (shared)
            member.Stats.SharedDecodeSteps++;
        if (member.Pending > 0)
        {
            conversation.Broken = false;
            return;
        }

        if (member.Pipeline is null)
        {
            conversation.Broken = false;
            _members.Remove(member);
            member.Finish();
            return;
        }

        SampledToken sampled;
        try
        {
            sampled = Sample(member);
        }
        catch (Exception e)
        {
            _members.Remove(member);
            member.Fail(e);
            return;
        }

        conversation.Broken = false;
        if (!member.Emit(sampled))
        {
            _members.Remove(member);
            member.Finish();
        }
    }

    /// <summary>Samples the member's next token; with a recorder, measures the raw logits first (the sampler works on its own copy).</summary>
    private SampledToken Sample(BatchMember member)
    {
        var conversation = member.Conversation.Conversation;
        var recorder = member.Generation!.Recorder;
        if (recorder is null)
            return new SampledToken(conversation.Sample(member.Pipeline!), null);
        var index = conversation.GetSampleIndex();
        var measured = recorder.Measure(executor.Context.NativeHandle.GetLogitsIth(index));
        var next = conversation.Sample(member.Pipeline!);
        return new SampledToken(next, LogitsRecorder.Position(measured, executor.Context.NativeHandle.GetLogitsIth(index), next));
    }
}
