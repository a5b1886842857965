using ClinicalAgent.Auth;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// Where a served host's tokens come from. Without <c>Auth:Issuer</c> (nor <c>Auth:JwksFile</c>) the trusted issuer is
/// the local authorization server, hosted in the same process under <c>/auth</c>: its public keys validate tokens
/// offline, <c>.well-known/smart-configuration</c> points at its endpoints on the address the client used, and the first
/// start creates its keys. With an issuer configured, only that issuer's tokens are accepted and nothing is hosted.
/// </summary>
internal static class ServedAuthorization
{
    /// <summary>After <see cref="ServeSecurityOptionSet.ConfigureAsync"/>: lets the local authority fill in what <c>Auth:*</c> leaves unset.</summary>
    public static void UseLocalAuthorityUnlessConfigured(IServiceCollection services)
    {
        services.AddOptions<ResourceServerOptions>().PostConfigure<LocalAuthority, IOptions<LocalAuthorizationServerOptions>>((options, local, server) =>
        {
            if (!IsLocal(options))
                return;
            options.Issuer = local.Issuer.AbsoluteUri.TrimEnd('/');
            foreach (var key in local.PublicSigningKeys)
                options.SigningKeys.Add(key);
            options.AlsoAcceptedAudiences.Add(server.Value.Audience);
            options.TokenEndpoint ??= $"{LocalAuthorizationServerOptions.PathBase}/connect/token";
            options.AuthorizationEndpoint ??= $"{LocalAuthorizationServerOptions.PathBase}/connect/authorize";
            options.JwksUri ??= $"{LocalAuthorizationServerOptions.PathBase}/.well-known/jwks";
        });
    }

    /// <summary>
    /// Hosts the local authorization server when it is the issuer. Call after the served-endpoint protection, before the
    /// endpoints.
    /// </summary>
    public static void MapLocalAuthority(WebApplication app)
    {
        if (SmartResourceServerExtensions.IsEnabled(app.Services) && IsLocalIssuer(app, app.Services.GetRequiredService<IOptions<ResourceServerOptions>>().Value))
            app.MapLocalAuthorizationServer();
    }

    /// <summary>
    /// Prints a one-time sign-in link on the address the server listens on, as notebook servers do: opening it signs the
    /// browser in as the local user for SMART apps' authorization (the authority's own link names its configured issuer).
    /// </summary>
    public static async Task PrintSignInAsync(WebApplication app, TextWriter error)
    {
        if (!SmartResourceServerExtensions.IsEnabled(app.Services) || !IsLocalIssuer(app, app.Services.GetRequiredService<IOptions<ResourceServerOptions>>().Value))
            return;
        var link = app.Services.GetRequiredService<LocalAuthority>().CreateSignInLink();
        var root = app.Urls.First().TrimEnd('/');
        await error.WriteLineAsync($"Authorization is on; tokens from {root}{LocalAuthorizationServerOptions.PathBase} (or 'clinicalagent auth token'). "
            + $"Sign in once with: {root}{link.PathAndQuery}").ConfigureAwait(false);
    }

    private static bool IsLocal(ResourceServerOptions options) =>
        string.IsNullOrEmpty(options.Issuer) && string.IsNullOrEmpty(options.JwksFile) && options.SigningKeys.Count == 0;

    private static bool IsLocalIssuer(WebApplication app, ResourceServerOptions options) =>
        string.Equals(options.Issuer, app.Services.GetRequiredService<LocalAuthority>().Issuer.AbsoluteUri.TrimEnd('/'), StringComparison.Ordinal);
}
