using System.Globalization;
using System.Security.Claims;
using ClinicalAgent.Auth.Clients;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>
/// <c>POST /auth/connect/token</c> once OpenIddict has authenticated the client: client credentials (the client
/// itself, or for the command's own client the person and patient it names), or an authorization code's principal.
/// </summary>
internal static class TokenEndpoint
{
    /// <summary>Token request parameters only <see cref="LocalAuthority.CliClientId"/> may send.</summary>
    public const string PatientParameter = "patient";

    public const string UserParameter = "user";

    public const string LifetimeParameter = "lifetime";

    /// <summary>SMART's name for the audience; <c>resource</c> (RFC 8707) is read too.</summary>
    public const string AudienceParameter = "aud";

    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(1);

    public static async Task HandleAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenIddict token request.");
        if (request.IsAuthorizationCodeGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme).ConfigureAwait(false);
            if (result.Principal is not { } coded)
            {
                await OpenIddictResults.ForbidAsync(context, Errors.InvalidGrant, "The authorization code is no longer valid.").ConfigureAwait(false);
                return;
            }

            TokenClaims.SetDestinations(coded);
            await OpenIddictResults.SignInAsync(context, coded).ConfigureAwait(false);
            return;
        }

        if (!request.IsClientCredentialsGrantType())
        {
            await OpenIddictResults.ForbidAsync(context, Errors.UnsupportedGrantType, "Use client_credentials or authorization_code.").ConfigureAwait(false);
            return;
        }

        await ClientCredentialsAsync(context, request).ConfigureAwait(false);
    }

    private static async Task ClientCredentialsAsync(HttpContext context, OpenIddictRequest request)
    {
        var clientId = request.ClientId!;
        var applications = context.RequestServices.GetRequiredService<IOpenIddictApplicationManager>();
        var application = await applications.FindByClientIdAsync(clientId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new InvalidOperationException("OpenIddict authenticated a client it cannot find.");
        var allowed = LocalClients.Scopes(await applications.GetPermissionsAsync(application, context.RequestAborted).ConfigureAwait(false));
        var scopes = request.GetScopes();
        if (ScopePolicy.Refused(scopes, allowed) is { Count: > 0 } refused)
        {
            await OpenIddictResults.ForbidAsync(context, Errors.InvalidScope, $"Not granted to {clientId}: {string.Join(' ', refused)}.").ConfigureAwait(false);
            return;
        }

        var patient = (string?)request[PatientParameter];
        var user = (string?)request[UserParameter];
        var lifetimeText = (string?)request[LifetimeParameter];
        var isCli = clientId == LocalAuthority.CliClientId;
        if (!isCli && (patient is not null || user is not null || lifetimeText is not null))
        {
            await OpenIddictResults.ForbidAsync(context, Errors.InvalidRequest, "Only the clinicalagent command's own client may name a patient, a user or a lifetime.").ConfigureAwait(false);
            return;
        }

        TimeSpan? lifetime = null;
        if (lifetimeText is not null)
        {
            if (!TimeSpan.TryParse(lifetimeText, CultureInfo.InvariantCulture, out var parsed) || parsed <= TimeSpan.Zero || parsed > MaxLifetime)
            {
                await OpenIddictResults.ForbidAsync(context, Errors.InvalidRequest, "The lifetime must be a time span from 00:00:01 to 1.00:00:00.").ConfigureAwait(false);
                return;
            }

            lifetime = parsed;
        }

        var principal = string.IsNullOrWhiteSpace(user)
            ? TokenClaims.Principal(clientId, null, null, patient)
            : TokenClaims.Principal(user, TokenClaims.FhirUser(user), user, patient);
        principal.SetScopes(scopes);
        principal.SetResources(Audience(context, request));
        if (lifetime is not null)
            principal.SetAccessTokenLifetime(lifetime);
        TokenClaims.SetDestinations(principal);
        await OpenIddictResults.SignInAsync(context, principal).ConfigureAwait(false);
    }

    /// <summary>The request's <c>aud</c> or <c>resource</c>, else <c>Auth:Server:Audience</c>.</summary>
    internal static IEnumerable<string> Audience(HttpContext context, OpenIddictRequest request)
    {
        if ((string?)request[AudienceParameter] is { Length: > 0 } aud)
            return [aud];
        if (request.Resources is { Length: > 0 } resources)
            return resources;
        return [context.RequestServices.GetRequiredService<IOptions<LocalAuthorizationServerOptions>>().Value.Audience];
    }
}
