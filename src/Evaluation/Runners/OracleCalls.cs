using System.Diagnostics;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>Calls tools through the session and traces each call as a tool step.</summary>
internal sealed class OracleCalls(BenchToolSession session, List<BenchStep> steps, CancellationToken cancellationToken)
{
    public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var watch = Stopwatch.StartNew();
        var text = await session.CallAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(text);
        var result = document.RootElement.Clone();
        var error = result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out var e) ? e.GetString() : null;
        steps.Add(new BenchStep("tool", tool, JsonSerializer.Serialize(arguments), watch.Elapsed.TotalMilliseconds, Error: error));
        return error is null ? result : throw new InvalidOperationException($"Oracle: {tool} failed: {error}");
    }

    public async Task<List<JsonElement>> ItemsAsync(string tool, Dictionary<string, object?> arguments) =>
        [.. Tools.Formatting.ToolTable.Rows(await CallAsync(tool, arguments).ConfigureAwait(false))];
}
