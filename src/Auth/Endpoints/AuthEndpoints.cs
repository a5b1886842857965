using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>
/// The requests under <c>/auth</c> that OpenIddict passes through to this code (it answers discovery, the JWKS and
/// every invalid request itself). A plain dispatch, not routing: it runs in a branch of whatever host maps it.
/// </summary>
internal static class AuthEndpoints
{
    public static Task HandleAsync(HttpContext context) => (context.Request.Method, context.Request.Path.Value?.TrimEnd('/')) switch
    {
        ("POST", "/connect/token") => TokenEndpoint.HandleAsync(context),
        ("GET" or "POST", "/connect/authorize") => AuthorizeEndpoint.HandleAsync(context),
        ("GET", "/signin") => SignInEndpoint.HandleAsync(context),
        _ => NotFound(context),
    };

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
