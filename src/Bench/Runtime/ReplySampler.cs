using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Validation;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>How sampled replies came out: calls, answers, cut off by the budget, or unparsable; and how many of the
/// calls broke their tool's JSON Schema (the grammar's guarantee: 0).</summary>
internal sealed record ReplyCounts(int Replies, int ToolCalls, int Answers, int CutOff, int Unparsable, int Calls, int SchemaViolations, double Ms);

/// <summary>Samples many grammar-constrained replies (tool mode Required) with different seeds, checks every call
/// against its full schema and counts failures.</summary>
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
        int calls = 0, answers = 0, cutOff = 0, unparsable = 0, callCount = 0, violations = 0;
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
                foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
                {
                    callCount++;
                    if (ToolCallValidator.Validate(tools.Single(t => t.Name == call.Name), call.Arguments).Count > 0)
                        violations++;
                }

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

        return new ReplyCounts(replies, calls, answers, cutOff, unparsable, callCount, violations, clock.Elapsed.TotalMilliseconds);
    }
}
