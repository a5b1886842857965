using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>A model reply read by <see cref="ReplyParser"/>: either calls or text, plus any thinking.</summary>
/// <param name="Text">The final answer, trimmed; null when the reply is tool calls or empty.</param>
/// <param name="Calls">The tool calls with fresh call ids; empty for a final answer.</param>
/// <param name="Thinking">The text of the thinking spans, joined by blank lines; null when none.</param>
public sealed record ParsedReply(string? Text, IReadOnlyList<FunctionCallContent> Calls, string? Thinking);
