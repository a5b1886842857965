using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>A finished completion in OpenAI's terms.</summary>
/// <param name="Content">The answer text, or null (a reply of tool calls).</param>
/// <param name="ToolCalls">The calls, each with its arguments as the runtime parsed them.</param>
/// <param name="FinishReason"><c>stop</c>, <c>length</c> or <c>tool_calls</c>.</param>
/// <param name="Usage">Token counts, or null.</param>
/// <param name="LogProbabilities">The sampled tokens' log-probabilities when asked for, else null.</param>
internal sealed record CompletionResult(
    string? Content,
    IReadOnlyList<FunctionCallContent> ToolCalls,
    string FinishReason,
    UsageDetails? Usage,
    IReadOnlyList<TokenLogProbability>? LogProbabilities)
{
    /// <summary>OpenAI's name for a Microsoft.Extensions.AI finish reason.</summary>
    public static string FinishReasonName(ChatFinishReason? reason) =>
        reason == ChatFinishReason.Length ? "length"
        : reason == ChatFinishReason.ToolCalls ? "tool_calls"
        : reason == ChatFinishReason.ContentFilter ? "content_filter"
        : "stop";
}
