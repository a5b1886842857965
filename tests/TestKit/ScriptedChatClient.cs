using Microsoft.Extensions.AI;

namespace ClinicalAgent.TestKit;

/// <summary>
/// A chat client that replies from a script, one response per request, and records every request.
/// <see cref="OnRequest"/> runs before each reply (to cancel, throw or inspect).
/// </summary>
public sealed class ScriptedChatClient : IChatClient
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
        var args = arguments switch
        {
            null => new Dictionary<string, object?>(),
            IDictionary<string, object?> given => new Dictionary<string, object?>(given),
            _ => arguments.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(arguments)),
        };
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

    /// <summary>Streams the next scripted reply as its updates, one text piece per word, so a reader sees several pieces.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            var text = update.Contents.OfType<TextContent>().SingleOrDefault();
            if (text is null)
            {
                yield return update;
                continue;
            }

            foreach (var word in System.Text.RegularExpressions.Regex.Split(text.Text, @"(?<= )"))
                yield return new ChatResponseUpdate(update.Role, word) { FinishReason = update.FinishReason, MessageId = update.MessageId };
            var rest = update.Contents.Where(c => c is not TextContent).ToList();
            if (rest.Count > 0)
                yield return new ChatResponseUpdate(update.Role, rest) { MessageId = update.MessageId };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
