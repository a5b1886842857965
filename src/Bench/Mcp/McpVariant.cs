namespace ClinicalAgent.Bench.Mcp;

/// <summary>One way of making the same tool call: directly on the toolbox, or through an MCP client and transport.</summary>
/// <param name="Name">What the table calls it.</param>
/// <param name="CallAsync">Makes one call and returns the result's text (checked to be what the direct call gives).</param>
internal sealed record McpVariant(string Name, Func<CancellationToken, Task<string>> CallAsync);
