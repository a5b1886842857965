using ClinicalAgent.Mcp.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Mcp;

/// <summary>Registration of the MCP server: streamable HTTP at /mcp for <c>serve</c>, or stdio for <c>mcp</c>.</summary>
public static class McpServerServiceCollectionExtensions
{
    /// <summary>Registers /mcp (MCP streamable HTTP), configured from <paramref name="configuration"/> (<c>Mcp:*</c>).</summary>
    public static IServiceCollection AddMcpServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Stateless: each POST carries its own token and caller; no session outlives a request (and no session id to steal).
        return services.AddClinicalMcpServer(configuration, McpTransport.Http, builder => builder.WithHttpTransport(http => http.Stateless = true));
    }

    /// <summary>
    /// Registers the MCP server on this process's stdin and stdout (nothing else may write to stdout); calls act for
    /// the OS user who started it, as the CLI's do.
    /// </summary>
    public static IServiceCollection AddMcpStdioServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddClinicalMcpServer(configuration, McpTransport.Stdio, builder => builder.WithStdioServerTransport());
    }
}
