using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Loop;

/// <summary>
/// A chat client that replies from a script, one response per request, and records every request.
/// <see cref="OnRequest"/> runs before each reply (to cancel, throw or inspect).
/// </summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<ChatResponse> _script;

    public ScriptedChatClient(params ChatResponse[] script) => _script = new Queue<ChatResponse>(script);

    /// <summary>The messages of each request, copied when it arrived.</summary>
    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    /// <summary>The options of each request.</summary>
    public List<ChatOptions?> Options { get; } = [];

    public Action<IReadOnlyList<ChatMessage>, CancellationToken>? OnRequest { get; set; }

    public static ChatResponse Call(string name, object? arguments = null, string? callId = null, UsageDetails? usage = null)
    {
        var args = arguments is null
            ? new Dictionary<string, object?>()
            : arguments.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments));
        var call = new FunctionCallContent(callId ?? Guid.NewGuid().ToString("N")[..8], name, args);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])) { Usage = usage, FinishReason = ChatFinishReason.ToolCalls };
    }

    public static ChatResponse Answer(string text) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var copy = messages.ToList();
        Requests.Add(copy);
        Options.Add(options);
        OnRequest?.Invoke(copy, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return _script.Count > 0
            ? Task.FromResult(_script.Dequeue())
            : throw new InvalidOperationException($"The script has no reply for request {Requests.Count}.");
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
