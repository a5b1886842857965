using System.Security.Claims;
using ClinicalAgent.Mcp.Access;
using ClinicalAgent.Security.ResourceServer;

namespace ClinicalAgent.Mcp.Hosting;

/// <summary>Tells each request's caller from the transport this server was registered for and the user it authenticated.</summary>
internal sealed class McpCallerSource(McpTransport transport, IServiceProvider services)
{
    public McpTransport Transport => transport;

    public McpCaller For(ClaimsPrincipal? user) =>
        McpCaller.Of(transport, user, transport == McpTransport.Http && SmartResourceServerExtensions.IsEnabled(services));
}
