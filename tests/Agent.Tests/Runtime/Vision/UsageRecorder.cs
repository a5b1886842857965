using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Vision;

/// <summary>Passes every request to the real client and keeps each response's usage (the agent's trace does not carry image counts).</summary>
internal sealed class UsageRecorder(IChatClient inner) : DelegatingChatClient(inner)
{
    public List<UsageDetails> Usages { get; } = [];

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Usages.Add(response.Usage!);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var usage in update.Contents.OfType<UsageContent>())
                Usages.Add(usage.Details);
            yield return update;
        }
    }
}
