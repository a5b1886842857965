namespace ClinicalAgent.Mcp.Hosting;

/// <summary>How clients reach this MCP server, which decides who a call acts for.</summary>
internal enum McpTransport
{
    /// <summary>A child process of the client: the OS user who started it.</summary>
    Stdio,

    /// <summary>Streamable HTTP at <c>/mcp</c>: the bearer token's person or client.</summary>
    Http,
}
