namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// The names in the reply protocol shared by the grammar, the parser and the prompt formatter.
/// A reply is either <c>{"tool_calls": [{"name": ..., "arguments": {...}}]}</c> or plain text
/// whose first character is not <c>{</c>; results return as <c>{"tool_results": [...]}</c>.
/// </summary>
internal static class ReplyProtocol
{
    public const string ToolCalls = "tool_calls";
    public const string Name = "name";
    public const string Arguments = "arguments";
    public const string ToolResults = "tool_results";
    public const string CallId = "call_id";
    public const string Result = "result";

    /// <summary>At most this many calls in one reply, so a weak model cannot loop on calls.</summary>
    public const int MaxCallsPerReply = 8;

    /// <summary>MedGemma's thinking span delimiters (control tokens in its vocabulary).</summary>
    public const string ThoughtStart = "<unused94>";
    public const string ThoughtEnd = "<unused95>";
}
