using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>Registration of the OAuth 2.0 resource server every served endpoint sits behind.</summary>
public static class SmartResourceServerExtensions
{
    /// <summary>The authorization policy of protected endpoints: a validated bearer token; scopes are checked per interaction.</summary>
    public const string PolicyName = "smart";

    private static readonly string[] AcceptedAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384,
    ];

    /// <summary>
    /// Binds <see cref="ResourceServerOptions"/> from <c>Auth</c> and, when authorization is enabled, adds ASP.NET
    /// Core's JWT bearer handler validating signature, <c>iss</c>, <c>aud</c>, <c>exp</c>/<c>nbf</c> with the clock skew.
    /// </summary>
    public static IServiceCollection AddSmartResourceServer(
        this IServiceCollection services, IConfiguration configuration, Action<ResourceServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = services.AddOptions<ResourceServerOptions>().Bind(configuration.GetSection(ResourceServerOptions.SectionName));
        if (configure is not null)
            options.Configure(configure);

        var enabled = configuration.GetSection(ResourceServerOptions.SectionName).GetValue("Enabled", true);
        services.AddSingleton(new ResourceServerRegistration(enabled));
        options.PostConfigure(o => o.Enabled = enabled);
        services.AddAuthorization(authorization => authorization.AddPolicy(PolicyName, policy =>
            policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser()));
        if (!enabled)
            return services;

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<ResourceServerOptions>, IServiceProvider>((jwt, resourceServer, provider) =>
                Configure(jwt, resourceServer.Value, provider));
        return services;
    }

    /// <summary>Requires a valid token on these endpoints when authorization is enabled; nothing otherwise.</summary>
    public static TBuilder RequireSmartAuthorization<TBuilder>(this TBuilder builder, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        return IsEnabled(services) ? builder.RequireAuthorization(PolicyName) : builder;
    }

    /// <summary>True when <see cref="AddSmartResourceServer"/> was called and authorization is on.</summary>
    public static bool IsEnabled(IServiceProvider services) =>
        services.GetService<ResourceServerRegistration>()?.Enabled == true;

    private static void Configure(JwtBearerOptions jwt, ResourceServerOptions options, IServiceProvider provider)
    {
        // Keep the token's own claim names (sub, scope, patient, fhirUser) instead of .NET's long URIs.
        jwt.MapInboundClaims = false;
        var clock = provider.GetService<TimeProvider>() ?? TimeProvider.System;
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new CachingTokenHandler(clock) { MapInboundClaims = false });
        var keys = new List<SecurityKey>(options.SigningKeys);
        if (options.JwksFile is { Length: > 0 } file)
            keys.AddRange(JwksFile.Read(file));
        if (keys.Count == 0)
        {
            var authority = options.Authority ?? options.Issuer
                ?? throw new ResourceServerConfigurationException("Auth:Issuer is not set and no signing keys are configured: the server cannot validate any token.");
            jwt.Authority = authority;
            jwt.RequireHttpsMetadata = !IsLoopback(authority);
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = options.Issuer,
            ValidateAudience = true,
            AudienceValidator = (audiences, _, _) => AudienceMatches(audiences, options, provider),
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = options.ClockSkew,
            // The host's clock, not DateTime.UtcNow: the same one the remembered tokens expire by.
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } exp && now < exp + parameters.ClockSkew && (notBefore is not { } nbf || now >= nbf - parameters.ClockSkew);
            },
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = keys.Count == 0 ? null : keys,
            ValidAlgorithms = AcceptedAlgorithms,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnChallenge = async context =>
            {
                context.HandleResponse();
                await BearerChallengeWriter.WriteAsync(context.HttpContext, context.AuthenticateFailure).ConfigureAwait(false);
            },
        };
    }

    private static bool AudienceMatches(IEnumerable<string> audiences, ResourceServerOptions options, IServiceProvider provider)
    {
        var accepted = (options.Audience.Length > 0 ? options.Audience : OwnFhirBases(provider)).Concat(options.AlsoAcceptedAudiences).ToList();
        return audiences.Any(a => accepted.Any(x => string.Equals(x.TrimEnd('/'), a.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)));
    }

    // This server's own FHIR base URLs, from the addresses it listens on; a loopback address answers to localhost too.
    private static string[] OwnFhirBases(IServiceProvider provider)
    {
        var addresses = provider.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var bases = new List<string>();
        foreach (var address in addresses)
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri))
                continue;
            bases.Add($"{uri.Scheme}://{uri.Authority}/fhir");
            if (uri.IsLoopback)
                bases.Add($"{uri.Scheme}://localhost:{uri.Port}/fhir");
        }

        return [.. bases];
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));
}
