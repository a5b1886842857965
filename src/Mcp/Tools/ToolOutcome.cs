namespace ClinicalAgent.Mcp.Tools;

/// <summary>What one tool call gave: its text (the tool's JSON, or the short error), and whether it failed.</summary>
/// <param name="Text">The result text as the agent's model would read it, or the error message alone.</param>
/// <param name="ErrorType">Null on success; else a short code for telemetry (<c>forbidden</c>, <c>tool_error</c>, <c>exception</c>).</param>
internal sealed record ToolOutcome(string Text, string? ErrorType)
{
    public bool IsError => ErrorType is not null;
}
