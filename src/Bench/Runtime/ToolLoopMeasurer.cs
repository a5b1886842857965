using System.Diagnostics;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>Per-turn figures of a tool loop run with and without KV reuse.</summary>
internal sealed record ToolLoopTurn(int Turn, int PromptTokens, int EvaluatedWithReuse, int EvaluatedWithout, double MsWithReuse, double MsWithout);

/// <summary>
/// Runs an agent-style tool loop (call, result, call, ...) with KV reuse, then replays the very same
/// requests with the cache cleared before each, so the only difference is reuse.
/// </summary>
internal static class ToolLoopMeasurer
{
    private const string ToolResult =
        "[{\"id\": \"obs-1\", \"code\": \"2823-3\", \"value\": 4.1, \"unit\": \"mmol/L\", \"date\": \"2023-11-12T08:00:00Z\"}, " +
        "{\"id\": \"obs-2\", \"code\": \"2823-3\", \"value\": 3.6, \"unit\": \"mmol/L\", \"date\": \"2023-11-10T08:00:00Z\"}]";

    public static async Task<IReadOnlyList<ToolLoopTurn>> RunAsync(LocalModel model, LocalChatClient client, IReadOnlyList<AIFunction> tools, int turns)
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.System, "You are a clinical assistant. Look data up with the tools before answering; cite resource ids."),
            new(ChatRole.User, "Patient 123 had palpitations. Check the recent potassium and the active medications."),
        };
        var requests = new List<List<ChatMessage>>();
        var reuse = new List<(int Prompt, int Evaluated, double Ms)>();
        await model.ClearCacheAsync();
        for (var turn = 1; turn <= turns; turn++)
        {
            requests.Add([.. history]);
            var clock = Stopwatch.StartNew();
            var response = await client.GetResponseAsync(history, Options(tools, turn));
            reuse.Add((Count(response.Usage!.InputTokenCount), Evaluated(response.Usage), clock.Elapsed.TotalMilliseconds));
            history.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            history.Add(calls.Count > 0
                ? new ChatMessage(ChatRole.Tool, [.. calls.Select(c => new FunctionResultContent(c.CallId, ToolResult))])
                : new ChatMessage(ChatRole.User, "Go on."));
        }

        var result = new List<ToolLoopTurn>();
        for (var turn = 1; turn <= turns; turn++)
        {
            await model.ClearCacheAsync();
            var clock = Stopwatch.StartNew();
            var response = await client.GetResponseAsync(requests[turn - 1], Options(tools, turn));
            var ms = clock.Elapsed.TotalMilliseconds;
            var (prompt, evaluated, reuseMs) = reuse[turn - 1];
            result.Add(new ToolLoopTurn(turn, prompt, evaluated, Evaluated(response.Usage!), reuseMs, ms));
        }

        return result;
    }

    private static ChatOptions Options(IReadOnlyList<AIFunction> tools, int turn) => new()
    {
        Tools = [.. tools],
        ToolMode = ChatToolMode.RequireAny,
        Seed = turn,
        MaxOutputTokens = 256,
    };

    private static int Evaluated(UsageDetails usage) => (int)usage.AdditionalCounts!["EvaluatedInputTokens"];

    private static int Count(long? value) => (int)(value ?? 0);
}
