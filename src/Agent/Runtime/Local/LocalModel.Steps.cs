using System.Diagnostics;

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
            var (lease, returned) = await _context.TryLeaseAsync(input, reserve,
                (offset, position) => _tokenizer.TokenizeFrom(input, offset, position), cancellationToken).ConfigureAwait(false);

            // A conversation without the system prompt and tools in its cache takes them from disk when a file has them.
            if (lease is not null)
                return _prefixes is null ? lease : await _prefixes.RestoreAsync(lease, input).ConfigureAwait(false);

            LogWaitingForRoom(input.Tokens.Count, reserve);
            await returned.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Evaluates the prompt from the reused prefix on: text through the decode scheduler, each image through the
    /// projector, and returns the member that evaluates the last text and then generates, already in the scheduler.
    /// Cancellation is honoured between steps.
    /// </summary>
    private async Task<BatchMember> EvaluatePromptAsync(ConversationLease lease, ReplySampler sampler, MemberGeneration generation,
        GenerationStats stats, CancellationToken cancellationToken)
    {
        var conversation = lease.Conversation;
        var prompt = lease.Prompt;
        var start = lease.ReusedTokens;
        if (_prefixes is not null)
            start = await _prefixes.SaveAsync(lease, start, stats, cancellationToken).ConfigureAwait(false);

        foreach (var image in lease.Images.Where(i => i.Start >= lease.ReusedTokens))
        {
            if (start < image.Start)
                await _context.EvaluateAsync(conversation, lease.PromptSlice(start, image.Start), stats, cancellationToken).ConfigureAwait(false);

            cancellationToken.ThrowIfCancellationRequested();
            await StepImageAsync(conversation, image, stats).ConfigureAwait(false);
            start = image.End;
        }

        if (start >= prompt.Count)
            throw new InvalidOperationException("A prompt must end with text: the first token is sampled after it.");
        return _context.Generate(conversation, lease.PromptSlice(start, prompt.Count), sampler, generation, stats, cancellationToken);
    }

    /// <summary>
    /// Encodes one image with the projector and decodes its embeddings into the conversation's sequence at its
    /// position, under the context lock. Its record gets the image's stand-in tokens and span.
    /// </summary>
    private async Task StepImageAsync(CachedConversation conversation, ImageSpan image, GenerationStats stats)
    {
        // Decoding and preprocessing happen outside the lock: only the image's first request that needs it pays.
        var prepared = _projector!.Prepare(image.Image!);
        await _context.RunExclusiveAsync(() =>
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
        }, CancellationToken.None).ConfigureAwait(false);
    }
}
