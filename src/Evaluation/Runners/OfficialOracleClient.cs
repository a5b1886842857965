using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The official-shaped oracle as a chat client for <see cref="Protocol.ProtocolAgent"/>: it plays the model's part of
/// MedAgentBench's text protocol for one task, each reply computed by <see cref="OfficialOracleScript"/> from the
/// server's answer to its previous GET, so its history is exactly what a model's would be.
/// </summary>
internal sealed class OfficialOracleClient(BenchTask task, string fhirBase) : IChatClient
{
    private readonly OfficialOracleScript _script = new(task, fhirBase);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        // The first call sees only the prompt; later ones end with the protocol's reply to the oracle's last step.
        var reply = _script.Next(list.Count > 1 ? list[^1].Text : null);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply)));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException("The oracle answers whole replies only.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
