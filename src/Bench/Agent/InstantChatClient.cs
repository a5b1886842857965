using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Agent;

/// <summary>
/// A model stand-in that replies at once: call after call from <paramref name="calls"/> (one per step, chosen by how
/// many tool results the request already holds), then a final answer, so a turn's time is the loop's and the tools'.
/// </summary>
internal sealed class InstantChatClient(IReadOnlyList<ToolCall> calls) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var done = messages.Count(m => m.Role == ChatRole.Tool);
        var usage = new UsageDetails { InputTokenCount = 0, OutputTokenCount = 0 };
        if (done >= calls.Count)
            return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Done.")) { FinishReason = ChatFinishReason.Stop, Usage = usage });
        var call = calls[done];
        var content = new FunctionCallContent($"c{done}", call.Tool, call.Arguments);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [content])) { FinishReason = ChatFinishReason.ToolCalls, Usage = usage });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
