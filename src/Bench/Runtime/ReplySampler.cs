using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>How sampled replies came out: calls, answers, cut off by the budget, or unparsable.</summary>
internal sealed record ReplyCounts(int Replies, int ToolCalls, int Answers, int CutOff, int Unparsable, double Ms);

/// <summary>Samples many grammar-constrained replies (tool mode Required) with different seeds and counts failures.</summary>
internal static class ReplySampler
{
    public const int MaxTokens = 384;

    public static async Task<ReplyCounts> RunAsync(LocalChatClient client, IReadOnlyList<AIFunction> tools, int replies, Action<int> progress)
    {
        ChatMessage[] messages =
        [
            new(ChatRole.System, "You are a clinical assistant. Use the tools to look data up."),
            new(ChatRole.User, "What is the latest potassium of patient 123, and what is she taking?"),
        ];
        int calls = 0, answers = 0, cutOff = 0, unparsable = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var seed = 1; seed <= replies; seed++)
        {
            try
            {
                var response = await client.GetResponseAsync(messages, new ChatOptions
                {
                    Tools = [.. tools],
                    ToolMode = ChatToolMode.RequireAny,
                    Seed = seed,
                    Temperature = 1.0f,
                    MaxOutputTokens = MaxTokens,
                });
                if (response.FinishReason == ChatFinishReason.ToolCalls)
                    calls++;
                else if (response.FinishReason == ChatFinishReason.Length)
                    cutOff++;
                else
                    answers++;
            }
            catch (ReplyFormatException)
            {
                unparsable++;
            }

            if (seed % 100 == 0)
                progress(seed);
        }

        return new ReplyCounts(replies, calls, answers, cutOff, unparsable, clock.Elapsed.TotalMilliseconds);
    }
}
