using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Transcripts;

/// <summary>
/// A decorator that remembers the last request and reply passing through it: the agent loop sends the whole
/// conversation on every call, so the last request and its reply are the run's transcript as the model saw it. One per
/// task run (the agent loop calls the model one request at a time).
/// </summary>
internal sealed class TranscriptRecorder(IChatClient inner) : DelegatingChatClient(inner)
{
    private List<ChatMessage> _messages = [];
    private IReadOnlyList<AITool>? _tools;

    /// <inheritdoc/>
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        _messages = [.. sent, .. response.Messages];
        _tools = options?.ToolMode is NoneChatToolMode ? null : options?.Tools?.ToList();
        return response;
    }

    /// <inheritdoc/>
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
        {
            updates.Add(update);
            yield return update;
        }

        _messages = [.. sent, .. updates.ToChatResponse().Messages];
        _tools = options?.ToolMode is NoneChatToolMode ? null : options?.Tools?.ToList();
    }

    /// <summary>The transcript so far; empty before the first reply.</summary>
    public IReadOnlyList<TranscriptMessage> Transcript() => ProtocolTranscript.From(_messages, _tools);
}
