using ClinicalAgent.Web.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// What a person sees when the other EHR no longer accepts the session's token (401 after any refresh: it expired or was
/// revoked): a short page asking them to sign in again, with a link that starts a new launch at the same EHR. The
/// session ends, since every further read would fail the same way.
/// </summary>
internal static class RemoteSignInPage
{
    /// <summary>The sign-in-again page when the session's EHR refused its token; null when it did not.</summary>
    public static IResult? IfRefused(HttpContext context, WebSession session)
    {
        if (session.Remote is not { SignInAgain: true } remote)
            return null;
        End(context, session);
        var launch = Relaunch(remote.FhirBase);
        var body = $"""
            <h1>Sign in again</h1>
            <p role="alert" data-testid="sign-in-again">{Html.E(remote.FhirBase.Authority)} no longer accepts this session's sign-in: its access token expired or was revoked. Nothing was read or written with it.</p>
            <p><a href="{Html.E(launch)}" data-testid="sign-in-again-link">Sign in again at {Html.E(remote.FhirBase.Authority)}</a>, or open the app again from the EHR.</p>
            """;
        return Layout.Page("Sign in again", body, null, StatusCodes.Status401Unauthorized);
    }

    /// <summary>What an API call (the chat, an image) gets instead: 401 with a short JSON message and where to sign in.</summary>
    public static IResult ApiRefused(HttpContext context, WebSession session)
    {
        var remote = session.Remote!;
        End(context, session);
        return Results.Json(new { error = Message(remote.FhirBase), signIn = Relaunch(remote.FhirBase) }, statusCode: StatusCodes.Status401Unauthorized);
    }

    /// <summary>The message of a refused token, for the chat's error event.</summary>
    public static string Message(Uri fhirBase) =>
        $"{fhirBase.Authority} no longer accepts this session's sign-in (its token expired or was revoked). Sign in again: {Relaunch(fhirBase)}";

    /// <summary>A standalone launch at the same EHR, which signs the person in there again.</summary>
    public static string Relaunch(Uri fhirBase) => $"/app/launch?iss={Uri.EscapeDataString(fhirBase.AbsoluteUri.TrimEnd('/'))}";

    private static void End(HttpContext context, WebSession session)
    {
        context.RequestServices.GetRequiredService<WebSessions>().End(session.Id);
        WebSessionCookie.Delete(context);
    }
}
