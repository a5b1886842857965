using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Web;

/// <summary>
/// A model stand-in with a model's pace: the first step calls <c>get_observations</c> for the patient's latest
/// potassium, the second streams a fixed answer word by word, <paramref name="wordDelay"/> apart (about a local
/// model's decode rate), citing the observation the tool returned. The same for both paths, so the difference is the web's.
/// </summary>
internal sealed class PacedChatClient(string patientId, int words, TimeSpan wordDelay) : IChatClient
{
    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The benchmark streams every turn.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        var lastUser = list.FindLastIndex(m => m.Role == ChatRole.User);
        if (!list.Skip(lastUser).Any(m => m.Role == ChatRole.Tool))
        {
            await Task.Delay(wordDelay, cancellationToken).ConfigureAwait(false);
            yield return new ChatResponseUpdate(ChatRole.Assistant, [new FunctionCallContent("call-1", "get_observations",
                new Dictionary<string, object?> { ["patient_id"] = patientId, ["code"] = "potassium", ["latest_only"] = true })]) { FinishReason = ChatFinishReason.ToolCalls };
            yield break;
        }

        var cited = System.Text.RegularExpressions.Regex.Match(string.Join(' ', list.SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString())), @"Observation/[A-Za-z0-9\-.]+").Value;
        for (var i = 0; i < words; i++)
        {
            await Task.Delay(wordDelay, cancellationToken).ConfigureAwait(false);
            var word = i == words - 1 ? $"({cited})." : i == 0 ? "The " : "latest ";
            yield return new ChatResponseUpdate(ChatRole.Assistant, word) { FinishReason = i == words - 1 ? ChatFinishReason.Stop : null };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
