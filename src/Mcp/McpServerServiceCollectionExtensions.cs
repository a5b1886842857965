using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Mcp;

/// <summary>Registration of /mcp (MCP streamable HTTP) for <c>serve</c>.</summary>
public static class McpServerServiceCollectionExtensions
{
    /// <summary>Registers the services /mcp (MCP streamable HTTP) needs, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddMcpServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
