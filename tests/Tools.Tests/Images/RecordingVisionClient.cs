using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.Tests.Images;

/// <summary>A vision model stand-in: records each request and answers with a fixed text, so tests see exactly what the tools sent.</summary>
internal sealed class RecordingVisionClient(string answer = "Blunting of the left costophrenic angle; moderate certainty.") : IChatClient
{
    public const string ModelId = "fake-vision";

    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    /// <summary>The images of the last request, in order.</summary>
    public IReadOnlyList<DataContent> LastImages => Requests[^1].SelectMany(m => m.Contents).OfType<DataContent>().ToList();

    /// <summary>The text of the last request.</summary>
    public string LastText => string.Concat(Requests[^1].SelectMany(m => m.Contents).OfType<TextContent>().Select(t => t.Text));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Requests.Add([.. messages]);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, answer)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The image tools ask for one whole answer.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake", null, ModelId) : null;

    public void Dispose()
    {
    }
}
