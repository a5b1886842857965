namespace ClinicalAgent.Bench.Agent;

/// <summary>One representative tool call of the token comparison.</summary>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">Its arguments, as the model would send them.</param>
internal sealed record ToolCall(string Tool, Dictionary<string, object?> Arguments);
