using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Explaining;

/// <summary>
/// Prefills an agent's conversation: the agent loop's first requests get the scripted replies
/// (<see cref="ReplayScript"/>) without the model, the later ones go to the model itself, so the same agent with the
/// same model, seed and settings continues from the substituted step. Only requests that offer tools are the agent
/// loop's; the others (an image tool asking the same model) always reach the model. One per replay.
/// </summary>
internal sealed class ReplayChatClient(IChatClient model, IReadOnlyList<ChatResponse> script) : DelegatingChatClient(model)
{
    private int _next;

    /// <summary>Requests the model itself answered.</summary>
    public int ModelCalls { get; private set; }

    /// <summary>Prompt tokens of those requests.</summary>
    public long InputTokens { get; private set; }

    /// <summary>Generated tokens of those requests.</summary>
    public long OutputTokens { get; private set; }

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Scripted(options) is { } reply)
            return reply;
        var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        Count(response.Usage);
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Scripted(options) is { } reply)
        {
            foreach (var update in reply.ToChatResponseUpdates())
                yield return update;
            yield break;
        }

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        Count(updates.ToChatResponse().Usage);
    }

    private ChatResponse? Scripted(ChatOptions? options) =>
        options?.Tools is { Count: > 0 } && _next < script.Count ? script[_next++] : null;

    private void Count(UsageDetails? usage)
    {
        ModelCalls++;
        InputTokens += usage?.InputTokenCount ?? 0;
        OutputTokens += usage?.OutputTokenCount ?? 0;
    }
}
