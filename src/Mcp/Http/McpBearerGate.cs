using System.Text.Json;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Mcp.Http;

/// <summary>
/// Lets a request reach <c>/mcp</c> only with a valid bearer token when authorization is on, like <c>/fhir</c>; else a
/// 401 with <c>WWW-Authenticate: Bearer resource_metadata="…"</c>, pointing at the protected-resource metadata as the
/// MCP authorization spec asks, and a one-line JSON reason. Scopes are checked per call, not here.
/// </summary>
internal static class McpBearerGate
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments(McpOptions.Path, StringComparison.Ordinal)
            || !SmartResourceServerExtensions.IsEnabled(context.RequestServices)
            || context.User.Identity?.IsAuthenticated == true)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var result = await context.AuthenticateAsync().ConfigureAwait(false);
        var (error, message) = Describe(context.Request.Headers.Authorization.ToString(), result.Failure);
        var metadata = ProtectedResourceMetadata.UrlFor(context.Request);
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = error is null
            ? $"Bearer resource_metadata=\"{metadata}\""
            : $"Bearer resource_metadata=\"{metadata}\", error=\"{error}\", error_description=\"{message}\"";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { error = error ?? "unauthorized", error_description = message }), context.RequestAborted).ConfigureAwait(false);
    }

    private static (string? Error, string Message) Describe(string authorization, Exception? failure)
    {
        if (failure is null)
        {
            return authorization.Length == 0
                ? (null, "This endpoint needs a bearer access token; the resource_metadata URL says where to get one.")
                : ("invalid_request", "The Authorization header is not a bearer token.");
        }

        return ("invalid_token", failure switch
        {
            SecurityTokenExpiredException => "The access token has expired.",
            SecurityTokenInvalidAudienceException => "The access token is for another audience (aud), not this server.",
            SecurityTokenInvalidIssuerException => "The access token comes from an issuer this server does not trust (iss).",
            SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "The access token's signature is not valid for this server.",
            _ => "The access token could not be validated.",
        });
    }
}
