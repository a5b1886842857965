using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>The cookie a one-time sign-in link leaves: an opaque session id, sent back to <c>/auth</c> only, never to scripts.</summary>
internal static class SignInCookie
{
    public const string Name = "clinicalagent-auth-session";

    public static string? Read(HttpContext context) => context.Request.Cookies[Name];

    public static void Write(HttpContext context, string session, TimeSpan lifetime) =>
        context.Response.Cookies.Append(Name, session, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // Lax: the SMART app's top-level navigation to /authorize carries it; cross-site subrequests do not.
            SameSite = SameSiteMode.Lax,
            Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/",
            MaxAge = lifetime,
        });
}
