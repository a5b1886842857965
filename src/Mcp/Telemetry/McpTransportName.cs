using ClinicalAgent.Mcp.Hosting;

namespace ClinicalAgent.Mcp.Telemetry;

/// <summary>The transport as telemetry spells it (<c>pipe</c> for stdio, <c>tcp</c> for HTTP).</summary>
internal readonly record struct McpTransportName(string Value)
{
    public static McpTransportName Of(McpTransport transport) => new(transport == McpTransport.Stdio ? "pipe" : "tcp");
}
