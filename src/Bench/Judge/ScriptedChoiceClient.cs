using System.Text;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Judge;

/// <summary>
/// A judge with no model: prefers the answer shown first with probability 0.7 and answers with the log-probabilities
/// our runtime would report. It measures the judging pipeline's own cost (prompt rendering, both orders, parsing),
/// beside which the real model's cost is the model's.
/// </summary>
internal sealed class ScriptedChoiceClient : IChatClient
{
    private static readonly float First = MathF.Log(0.7f), Second = MathF.Log(0.3f);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var token = new TokenLogProbability("1", Encoding.UTF8.GetBytes("1"), First,
            [new TokenAlternative("1", Encoding.UTF8.GetBytes("1"), First), new TokenAlternative("2", Encoding.UTF8.GetBytes("2"), Second)]);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "1"))
        {
            Usage = new UsageDetails { InputTokenCount = messages.Sum(m => m.Text.Length) / 4, OutputTokenCount = 1 },
            AdditionalProperties = new() { [LogProbabilities.ResponseKey] = new List<TokenLogProbability> { token } },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The scripted judge answers whole replies only.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
