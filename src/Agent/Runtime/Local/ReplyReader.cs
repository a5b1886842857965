using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>Turns a finished reply's raw text into what the caller sees: answer, calls, thinking.</summary>
internal static class ReplyReader
{
    /// <summary>
    /// Reads the full reply. A free reply is its text with thinking split off; a constrained one goes
    /// through <see cref="ReplyParser"/>, except that a call cut off by the token budget stays text
    /// (the caller sees <see cref="ChatFinishReason.Length"/>).
    /// </summary>
    public static ParsedReply Read(string raw, IReadOnlyList<AIFunctionDeclaration> tools, bool constrained, ChatFinishReason? finish)
    {
        if (constrained)
        {
            try
            {
                return ReplyParser.Parse(raw, tools);
            }
            catch (ReplyFormatException) when (finish == ChatFinishReason.Length)
            {
            }
        }

        var (rest, thinking) = ThinkingSpans.Extract(raw);
        var text = rest.Trim();
        return new ParsedReply(text.Length == 0 ? null : text, [], thinking);
    }

    /// <summary>The message contents: thinking as <see cref="TextReasoningContent"/>, the answer, the calls.</summary>
    public static List<AIContent> Contents(ParsedReply reply, bool includeText)
    {
        var contents = new List<AIContent>();
        if (reply.Thinking is { Length: > 0 } thinking)
            contents.Add(new TextReasoningContent(thinking));
        if (includeText && reply.Text is { Length: > 0 } text)
            contents.Add(new TextContent(text));
        contents.AddRange(reply.Calls);
        return contents;
    }

    /// <summary>Calls finish as <see cref="ChatFinishReason.ToolCalls"/>; otherwise how generation stopped.</summary>
    public static ChatFinishReason? FinishReason(ParsedReply reply, ChatFinishReason? generation) =>
        reply.Calls.Count > 0 ? ChatFinishReason.ToolCalls : generation;

    /// <summary>The thinking also as <c>AdditionalProperties["thinking"]</c>, for callers that look there.</summary>
    public static AdditionalPropertiesDictionary? Properties(ParsedReply reply) =>
        reply.Thinking is { Length: > 0 } thinking ? new() { ["thinking"] = thinking } : null;
}
