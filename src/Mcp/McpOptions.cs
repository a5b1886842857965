namespace ClinicalAgent.Mcp;

/// <summary>Settings of the MCP server (<c>Mcp:*</c>), the same for stdio and <c>/mcp</c>.</summary>
public sealed class McpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mcp";

    /// <summary>The path <c>serve</c> answers MCP (streamable HTTP) on.</summary>
    public const string Path = "/mcp";

    /// <summary>The most patient summaries <c>resources/list</c> lists; the rest are reachable through the template.</summary>
    public int MaxListedPatients { get; set; } = 50;
}
