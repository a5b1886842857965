using ClinicalAgent.Mcp.Http;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Mcp;

/// <summary>Maps /mcp (MCP streamable HTTP) onto <c>serve</c>'s web application, after the served endpoints' protection.</summary>
public static class McpServerApplicationExtensions
{
    /// <summary>
    /// Maps <c>/mcp</c> behind the bearer gate (a valid token when authorization is on) and the protected-resource
    /// metadata the gate's 401 points at (<c>/.well-known/oauth-protected-resource/mcp</c>, public).
    /// </summary>
    public static WebApplication MapMcpServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(McpBearerGate.InvokeAsync);
        var options = app.Services.GetRequiredService<IOptions<ResourceServerOptions>>();
        IResult Metadata(HttpRequest request) => Results.Json(ProtectedResourceMetadata.For(request, options.Value));
        app.MapGet(ProtectedResourceMetadata.PathForMcp, Metadata);
        app.MapGet(ProtectedResourceMetadata.BarePath, Metadata);
        app.MapMcp(McpOptions.Path);
        return app;
    }
}
