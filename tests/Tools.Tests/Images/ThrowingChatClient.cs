using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.Tests.Images;

/// <summary>A model whose every call fails with a message that must not reach the agent's model.</summary>
internal sealed class ThrowingChatClient : IChatClient
{
    public const string Secret = "prompt text with patient details";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new IOException(Secret);

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new IOException(Secret);

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
