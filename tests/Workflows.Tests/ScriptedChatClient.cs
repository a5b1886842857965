using Microsoft.Extensions.AI;

namespace ClinicalAgent.Workflows.Tests;

/// <summary>A chat client that replies from a script, one response per request (deterministic agent-step tests).</summary>
internal sealed class ScriptedChatClient(params ChatResponse[] script) : IChatClient
{
    private readonly Queue<ChatResponse> _script = new(script);

    public int Requests { get; private set; }

    public static ChatResponse Call(string name, Dictionary<string, object?> arguments) =>
        new(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(Guid.NewGuid().ToString("N")[..8], name, arguments)])) { FinishReason = ChatFinishReason.ToolCalls };

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests++;
        return _script.Count > 0
            ? Task.FromResult(_script.Dequeue())
            : throw new InvalidOperationException($"The script has no reply for request {Requests}.");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
