using ClinicalAgent.Auth.Clients;
using ClinicalAgent.Auth.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>
/// <c>GET /auth/connect/authorize</c> once OpenIddict has checked the client, its redirect URI and PKCE: the person
/// is the local user signed in through a one-time link; a SMART <c>launch</c> puts its patient into context.
/// </summary>
internal static class AuthorizeEndpoint
{
    public const string LaunchParameter = "launch";

    public static async Task HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict authorization request.");
        var sessions = context.RequestServices.GetRequiredService<SignInSessions>();
        if (sessions.Person(SignInCookie.Read(context)) is not { } person)
        {
            // Not an OAuth error for the app: the person at this browser has to sign in first.
            await TextPage.WriteAsync(context, StatusCodes.Status401Unauthorized, "Sign in first",
                "Nobody is signed in at this browser. Open the one-time sign-in link 'clinicalagent serve' printed, then start the app again.").ConfigureAwait(false);
            return;
        }

        var applications = context.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException("OpenIddict accepted a client it cannot find.");
        var allowed = LocalClients.Scopes(await applications.GetPermissionsAsync(application, context.RequestAborted).ConfigureAwait(false));
        var scopes = request.GetScopes();
        if (ScopePolicy.Refused(scopes, allowed) is { Count: > 0 } refused)
        {
            await OpenIddictResults.ForbidAsync(context, Errors.InvalidScope, $"Not granted to {request.ClientId}: {string.Join(' ', refused)}.").ConfigureAwait(false);
            return;
        }

        string? patient = null;
        if ((string?)request[LaunchParameter] is { Length: > 0 } launch)
        {
            patient = sessions.Patient(launch);
            if (patient is null)
            {
                await OpenIddictResults.ForbidAsync(context, Errors.InvalidRequest, "The launch value is unknown or expired.").ConfigureAwait(false);
                return;
            }
        }

        var principal = TokenClaims.Principal(person.Name, TokenClaims.FhirUser(person.Name), person.Name, patient);
        principal.SetScopes(scopes);
        principal.SetResources(TokenEndpoint.Audience(context, request));
        TokenClaims.SetDestinations(principal);
        await OpenIddictResults.SignInAsync(context, principal).ConfigureAwait(false);
    }
}
