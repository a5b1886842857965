using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Sessions;

/// <summary>
/// The session of a request: the signed-in one its cookie names, or — with authorization off (<c>serve
/// --insecure-no-auth</c>) — one for the local OS user, as the CLI acts for it.
/// </summary>
internal static class SessionGate
{
    /// <summary>Whether people sign in (authorization on); off, everyone is the local user.</summary>
    public static bool SignInRequired(HttpContext context) => SmartResourceServerExtensions.IsEnabled(context.RequestServices);

    /// <summary>The request's session, or null when sign-in is required and there is none.</summary>
    public static WebSession? Current(HttpContext context)
    {
        var sessions = context.RequestServices.GetRequiredService<WebSessions>();
        if (sessions.Find(WebSessionCookie.Read(context)) is { } session)
            return session;
        if (SignInRequired(context))
            return null;
        var local = sessions.Start(WebPerson.LocalUser(), accessToken: null);
        WebSessionCookie.Write(context, local);
        return local;
    }

    /// <summary>Where a page sends a person who is not signed in: the sign-in, then back to the page.</summary>
    public static IResult SignInFirst(HttpContext context) =>
        Results.Redirect($"/app/login?return={Uri.EscapeDataString(context.Request.Path + context.Request.QueryString)}");

    /// <summary>What an API call without a session gets: 401 with a short JSON message.</summary>
    public static IResult Unauthorized() =>
        Results.Json(new { error = "Not signed in. Open the app and sign in again." }, statusCode: StatusCodes.Status401Unauthorized);
}
