using ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The persistent prefix cache's part in a request (<see cref="LocalModelOptions.PrefixCache"/>): marking how much of a
/// prompt is the shared prefix (system prompt and tools), loading that prefix from its file into a leased conversation,
/// and, when no file has it yet, evaluating it in steps of its own and saving it.
/// </summary>
internal sealed class PrefixCacheStage(PrefixCache cache, SharedContext context) : IDisposable
{
    public PrefixCache Cache => cache;

    /// <summary>The input with its shared prefix's length, so a lease can look for the prefix's file.</summary>
    public static PromptInput Mark(PromptTokenizer tokenizer, Prompting.RenderedPrompt rendered, PromptInput input) =>
        input with { SharedPrefix = tokenizer.SharedPrefix(rendered, input) };

    /// <summary>The lease, its conversation given the shared prefix from its file when it lacked it (or marked to save it).</summary>
    public Task<ConversationLease> RestoreAsync(ConversationLease lease, PromptInput input) =>
        cache.RestoreAsync(lease, input.Tokens, input.SharedPrefix, context.Exclusive, context.Executor);

    /// <summary>
    /// For a lease marked to save its prefix: evaluates the prompt from <paramref name="start"/> to the prefix's end in
    /// batches of its own, then saves it, so a later process that loads it evaluates the rest in the same batches as
    /// this one and gets these logits. Returns where the rest of the prompt starts.
    /// </summary>
    public async Task<int> SaveAsync(ConversationLease lease, int start, GenerationStats stats, CancellationToken cancellationToken)
    {
        if (lease.SavePrefix is not { } save)
            return start;
        if (start < save.Tokens.Length)
            await context.EvaluateAsync(lease.Conversation, lease.PromptSlice(start, save.Tokens.Length), stats, cancellationToken).ConfigureAwait(false);
        await cache.SaveAsync(save, lease.Conversation, context.Exclusive, context.Executor).ConfigureAwait(false);
        return save.Tokens.Length;
    }

    /// <summary>Waits for the writes in flight.</summary>
    public void Dispose() => cache.Dispose();
}
