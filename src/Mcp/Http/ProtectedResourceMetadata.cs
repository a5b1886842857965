using System.Text.Json.Serialization;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Mcp.Http;

/// <summary>
/// OAuth 2.0 Protected Resource Metadata (RFC 9728) of <c>/mcp</c>, which the MCP authorization spec has clients read
/// to find where tokens come from: the resource, the trusted issuer, the scopes.
/// </summary>
internal sealed record ProtectedResourceMetadata(
    [property: JsonPropertyName("resource")] string Resource,
    [property: JsonPropertyName("authorization_servers")] IReadOnlyList<string> AuthorizationServers,
    [property: JsonPropertyName("bearer_methods_supported")] IReadOnlyList<string> BearerMethodsSupported,
    [property: JsonPropertyName("scopes_supported")] IReadOnlyList<string> ScopesSupported,
    [property: JsonPropertyName("resource_name")] string ResourceName)
{
    /// <summary>Where it is served: RFC 9728's well-known path with the resource's path appended, and the bare one.</summary>
    public const string PathForMcp = "/.well-known/oauth-protected-resource" + McpOptions.Path;

    /// <summary>The bare well-known path.</summary>
    public const string BarePath = "/.well-known/oauth-protected-resource";

    /// <summary>The metadata as <paramref name="request"/>'s client addresses this server.</summary>
    public static ProtectedResourceMetadata For(HttpRequest request, ResourceServerOptions options) => new(
        $"{Root(request)}{McpOptions.Path}",
        options.Issuer is { Length: > 0 } issuer ? [issuer] : [],
        ["header"],
        ["patient/*.rs", "user/*.rs", "system/*.rs", "user/*.c", "patient/*.c", "openid", "fhirUser"],
        "ClinicalAgent MCP server (record and image tools, patient summaries, prompts)");

    /// <summary>The absolute URL of <see cref="PathForMcp"/> on <paramref name="request"/>'s host.</summary>
    public static string UrlFor(HttpRequest request) => $"{Root(request)}{PathForMcp}";

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
