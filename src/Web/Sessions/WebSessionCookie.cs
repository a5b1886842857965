using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Web.Sessions;

/// <summary>The web app's session cookie: an opaque id, HttpOnly (scripts never see it), SameSite=Lax, scoped to <c>/app</c>.</summary>
internal static class WebSessionCookie
{
    public const string Name = "clinicalagent-web-session";

    public const string Path = "/app";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Write(HttpContext context, WebSession session) =>
        context.Response.Cookies.Append(Name, session.Id, Options(context, session.Expires));

    public static void Delete(HttpContext context) => context.Response.Cookies.Delete(Name, Options(context, null));

    private static CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        // Lax: the authorization server's redirect back (a top-level GET) carries it; cross-site posts do not.
        SameSite = SameSiteMode.Lax,
        Path = Path,
        Expires = expires,
    };
}
