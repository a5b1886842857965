using System.Text.Json;
using ClinicalAgent.Evaluation.Grading.Official;
using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.MedAgentBenchV2;

/// <summary>
/// The v2 oracle as a chat client: <see cref="OfficialOracleScript"/> decides each step from the previous tool
/// result, and <see cref="V2Calls"/> turns its GET, POST and FINISH into the v2 tool call that does the same, so the
/// POST bodies are the official oracle's own payloads, now passed through the v2 create tools.
/// </summary>
internal sealed class V2OracleClient(BenchTask task) : IChatClient
{
    private readonly OfficialOracleScript _script = new(task, OfficialTexts.FhirBase);
    private int _calls;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var last = messages.LastOrDefault();
        // The first call sees only the prompt; later ones end with the result of the oracle's last tool call.
        var result = last?.Role == ChatRole.Tool ? last.Contents.OfType<FunctionResultContent>().LastOrDefault()?.Result : null;
        var action = _script.Next(result is null ? null : Text(result));
        var (name, arguments) = V2Calls.From(action, OfficialTexts.FhirBase);
        var call = new FunctionCallContent($"oracle-{++_calls}", name, arguments);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) => throw new NotSupportedException("The oracle answers whole replies only.");

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private static string Text(object result) => result switch
    {
        string text => text,
        JsonElement element => element.GetRawText(),
        _ => JsonSerializer.Serialize(result),
    };
}
