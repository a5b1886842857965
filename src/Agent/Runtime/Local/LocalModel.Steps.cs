using System.Diagnostics;
using LLama.Batched;
using LLama.Native;
using LLama.Sampling;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>The two moves a request makes under the decode lock: taking a conversation, and one decode step.</summary>
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
    /// Evaluates the prompt from the reused prefix on: text in batches, each image through the projector, and returns
    /// the token sampled after the last batch. Cancellation is honoured between steps.
    /// </summary>
    private async Task<LLamaToken> EvaluatePromptAsync(ConversationLease lease, ISamplingPipeline pipeline, GenerationStats stats,
        CancellationToken cancellationToken)
    {
        var conversation = lease.Conversation;
        var prompt = lease.Prompt;
        LLamaToken token = default;
        var start = lease.ReusedTokens;
        if (lease.SavePrefix is { } save && _prefixCache is not null)
        {
            // The shared prefix in batches of its own, then saved: a later process that loads it evaluates the rest
            // in the same batches as this one, so its logits are these.
            for (; start < save.Tokens.Length; start += _batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await StepAsync(conversation, Slice(prompt, start, Math.Min(save.Tokens.Length, start + _batchSize)), null).ConfigureAwait(false);
            }

            start = save.Tokens.Length;
            await _prefixCache.SaveAsync(save, conversation, _decode, _executor).ConfigureAwait(false);
        }

        foreach (var image in lease.Images.Where(i => i.Start >= lease.ReusedTokens))
        {
            for (; start < image.Start; start += _batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await StepAsync(conversation, Slice(prompt, start, Math.Min(image.Start, start + _batchSize)), null).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await StepImageAsync(conversation, image, stats).ConfigureAwait(false);
            start = image.End;
        }

        for (; start < prompt.Count; start += _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(prompt.Count, start + _batchSize);
            token = await StepAsync(conversation, Slice(prompt, start, end), end == prompt.Count ? pipeline : null,
                stats.LogProbabilities).ConfigureAwait(false);
        }

        return token;
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

    /// <summary>
    /// Prompts <paramref name="tokens"/>, evaluates them and, given a pipeline, samples the next token, all
    /// under the decode lock: another conversation's decode in between would replace the logits. A
    /// <paramref name="recorder"/> gets the sampled position's log-probabilities from the same logits.
    /// </summary>
    private async Task<LLamaToken> StepAsync(CachedConversation conversation, LLamaToken[] tokens, ISamplingPipeline? pipeline,
        LogitsRecorder? recorder = null)
    {
        await _decode.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            // A failure from here on leaves llama.cpp's state for this sequence unknown: the pool drops it.
            conversation.Broken = true;
            conversation.Conversation.Prompt(tokens.AsSpan());
            // Not cancellable: a decode aborted half way leaves the batch queued and the cache unknown.
            var result = await _executor.Infer(CancellationToken.None).ConfigureAwait(false);
            if (result != DecodeResult.Ok)
                throw new InvalidOperationException($"llama.cpp could not decode {tokens.Length} tokens for '{ModelId}': {result}.");
            conversation.Tokens.AddRange(tokens);
            var next = pipeline is null ? default : Sample(conversation, pipeline, recorder);
            conversation.Broken = false;
            return next;
        }
        finally
        {
            _decode.Release();
        }
    }

    /// <summary>Samples the next token; with a recorder, measures the raw logits first (the sampler works on its own copy).</summary>
    private LLamaToken Sample(CachedConversation conversation, ISamplingPipeline pipeline, LogitsRecorder? recorder)
    {
        if (recorder is null)
            return conversation.Conversation.Sample(pipeline);
        var index = conversation.Conversation.GetSampleIndex();
        var measured = recorder.Measure(_executor.Context.NativeHandle.GetLogitsIth(index));
        var next = conversation.Conversation.Sample(pipeline);
        recorder.Record(measured, _executor.Context.NativeHandle.GetLogitsIth(index), next);
        return next;
    }
}
