using ClinicalAgent.Auth.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary><c>GET /auth/signin?ticket=…</c>: spends a one-time ticket and signs this browser in as the local user.</summary>
internal static class SignInEndpoint
{
    public static Task HandleAsync(HttpContext context)
    {
        var sessions = context.RequestServices.GetRequiredService<SignInSessions>();
        var session = sessions.Redeem(context.Request.Query["ticket"]);
        if (session is null)
        {
            return TextPage.WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign-in link not valid",
                "This sign-in link was used already or has expired. Start 'clinicalagent serve' again, or ask it for a new link.");
        }

        var lifetime = context.RequestServices.GetRequiredService<IOptions<LocalAuthorizationServerOptions>>().Value.SessionLifetime;
        SignInCookie.Write(context, session, lifetime);
        return TextPage.WriteAsync(context, StatusCodes.Status200OK, "Signed in",
            $"Signed in as {sessions.Person(session)!.Name}. Apps on this computer may now ask you to authorize them.");
    }
}
