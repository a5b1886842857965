using System.ClientModel;
using System.Runtime.CompilerServices;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// Turns an OpenAI-compatible server's "too long for the context" refusal (error code <c>context_length_exceeded</c>,
/// or vLLM's and llama.cpp's wording of it) into the <see cref="ContextOverflowException"/> the local runtime throws,
/// so the agent trims a conversation the same way whichever provider runs it.
/// </summary>
internal sealed class ContextOverflowChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException e) when (IsContextOverflow(e))
        {
            throw new ContextOverflowException(e.Message, e);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                ChatResponseUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false))
                        yield break;
                    update = updates.Current;
                }
                catch (ClientResultException e) when (IsContextOverflow(e))
                {
                    throw new ContextOverflowException(e.Message, e);
                }

                yield return update;
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A 400 whose message names the context: OpenAI's code, vLLM's "maximum context length", llama.cpp's "exceeds the available context size".</summary>
    internal static bool IsContextOverflow(ClientResultException e) =>
        e.Status == 400 && (e.Message.Contains("context_length_exceeded", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("maximum context length", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("context size", StringComparison.OrdinalIgnoreCase)
            || e.Message.Contains("context window", StringComparison.OrdinalIgnoreCase));
}
