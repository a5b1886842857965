using Microsoft.AspNetCore.Builder;

namespace ClinicalAgent.Mcp;

/// <summary>Maps /mcp (MCP streamable HTTP) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class McpServerApplicationExtensions
{
    /// <summary>Maps the endpoints (and any middleware they need) of /mcp (MCP streamable HTTP).</summary>
    public static WebApplication MapMcpServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
