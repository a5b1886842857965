using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>Calls tools through the session and traces each call as a tool step; with <paramref name="conversation"/>,
/// also as the call and result messages a model would have exchanged (the oracle's transcript).</summary>
internal sealed class OracleCalls(BenchToolSession session, List<BenchStep> steps, CancellationToken cancellationToken, List<ChatMessage>? conversation = null)
{
    public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var watch = Stopwatch.StartNew();
        var text = await session.CallAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(text);
        var result = document.RootElement.Clone();
        var error = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var e) ? e.GetString() : null;
        steps.Add(new BenchStep("tool", tool, JsonSerializer.Serialize(arguments), watch.Elapsed.TotalMilliseconds, Error: error));
        if (conversation is not null)
        {
            var callId = $"call_{steps.Count}";
            conversation.Add(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, tool, arguments)]));
            conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, text)]));
        }

        return error is null ? result : throw new InvalidOperationException($"Oracle: {tool} failed: {error}");
    }

    public async Task<List<JsonElement>> ItemsAsync(string tool, Dictionary<string, object?> arguments) =>
        [.. Tools.Formatting.ToolTable.Rows(await CallAsync(tool, arguments).ConfigureAwait(false))];
}
