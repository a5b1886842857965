using System.CommandLine;

namespace ClinicalAgent.Cli.Commands;

/// <summary><c>mcp</c>: the MCP server over stdio, for agent clients that start it as a child process.</summary>
public static class McpCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Command("mcp", "Serve the record and image tools, patient summaries and prompts over MCP (stdio).");
    }
}
