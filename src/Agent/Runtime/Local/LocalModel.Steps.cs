using System.Diagnostics;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>The moves a request makes over the shared context: taking a conversation, its prompt, and an image's decode.</summary>
public sealed partial class LocalModel
{
    /// <summary>
    /// A conversation for <paramref name="input"/>, once the requests in flight leave room for its prompt and output
    /// budget in the shared KV cells: concurrent requests queue here rather than run out of cells mid-decode.
    /// </summary>
    private async Task<ConversationLease> LeaseAsync(PromptInput input, int reserve, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task returned;
            ConversationLease? lease;
            await _decode.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                lease = _pool.Lease(input, reserve, (offset, position) => _tokenizer.TokenizeFrom(input, offset, position));
                returned = _returned.Task;
            }
            finally
            {
                _decode.Release();
            }

            // A conversation without the system prompt and tools in its cache takes them from disk when a file has them.
            if (lease is not null)
                return _prefixCache is null ? lease : await _prefixCache.RestoreAsync(lease, input.Tokens, input.SharedPrefix, _decode, _executor).ConfigureAwait(false);

            LogWaitingForRoom(input.Tokens.Count, reserve);
            await returned.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Evaluates the prompt from the reused prefix on: text through the decode scheduler, each image through the
    /// projector, and returns the member that evaluates the last text and then generates, already in the scheduler.
    /// Cancellation is honoured between steps.
    /// </summary>
    private async Task<BatchMember> EvaluatePromptAsync(ConversationLease lease, ISamplingPipeline pipeline, MemberGeneration generation,
        GenerationStats stats, CancellationToken cancellationToken)
    {
        var conversation = lease.Conversation;
        var prompt = lease.Prompt;
        var start = lease.ReusedTokens;
        if (lease.SavePrefix is { } save && _prefixCache is not null)
        {
            // The shared prefix in batches of its own, then saved: a later process that loads it evaluates the rest
            // in the same batches as this one, so its logits are these.
            if (start < save.Tokens.Length)
            {
                using var prefix = new BatchMember(conversation, Slice(prompt, start, save.Tokens.Length), null, null, stats, cancellationToken);
                _scheduler.Join(prefix);
                await prefix.Completion.ConfigureAwait(false);
            }

            start = save.Tokens.Length;
            await _prefixCache.SaveAsync(save, conversation, _decode, _executor).ConfigureAwait(false);
        }

        foreach (var image in lease.Images.Where(i => i.Start >= lease.ReusedTokens))
        {
            if (start < image.Start)
            {
                using var before = new BatchMember(conversation, Slice(prompt, start, image.Start), null, null, stats, cancellationToken);
                _scheduler.Join(before);
                await before.Completion.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await StepImageAsync(conversation, image, stats).ConfigureAwait(false);
            start = image.End;
        }

        if (start >= prompt.Count)
            throw new InvalidOperationException("A prompt must end with text: the first token is sampled after it.");
        var member = new BatchMember(conversation, Slice(prompt, start, prompt.Count), pipeline, generation, stats, cancellationToken);
        _scheduler.Join(member);
        return member;
    }

    /// <summary>
    /// Encodes one image with the projector and decodes its embeddings into the conversation's sequence at its
    /// position, under the decode lock. Its record gets the image's stand-in tokens and span.
    /// </summary>
    private async Task StepImageAsync(CachedConversation conversation, ImageSpan image, GenerationStats stats)
    {
        // Decoding and preprocessing happen outside the lock: only the image's first request that needs it pays.
        var prepared = _projector!.Prepare(image.Image!);
        await _decode.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            conversation.Broken = true;
            var sequence = conversation.Conversation;
            var clock = Stopwatch.StartNew();
            var end = _projector.Evaluate(prepared, _executor.Context.NativeHandle, sequence.TokenCount, (int)sequence.ConversationId, _batchSize);
            if (end != image.End || sequence.TokenCount != image.Start)
                throw new InvalidOperationException($"An image was decoded at {sequence.TokenCount}..{end}, its record says {image.Start}..{image.End}.");
            // The sequence's own end moves past the image; the next text prompt continues from there.
            sequence.Modify((_, _) => end);
            conversation.Tokens.AddRange(Enumerable.Repeat(image.Image!.StandIn, image.Count));
            conversation.Images.Add(image with { Image = null });
            stats.EncodedImages++;
            stats.ImageTokens += image.Count;
            stats.ImageTime += clock.Elapsed;
            conversation.Broken = false;
        }
        finally
        {
            _decode.Release();
        }
    }
}
