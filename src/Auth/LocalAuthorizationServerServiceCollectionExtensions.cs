using ClinicalAgent.Auth.Clients;
using ClinicalAgent.Auth.Server;
using ClinicalAgent.Auth.Sessions;
using ClinicalAgent.Auth.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicalAgent.Auth;

/// <summary>Registers the local authorization server (OpenIddict over SQLite in <c>Auth:Server:Folder</c>).</summary>
public static class LocalAuthorizationServerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the server, <see cref="LocalAuthority"/>, <see cref="LocalClients"/> and <see cref="LocalTokenClient"/>,
    /// configured from <c>Auth:Server:*</c>. It adds an authentication scheme of OpenIddict's but sets no default
    /// scheme, so a resource server's JWT bearer scheme in the same host stays the default. Calling it again adds nothing.
    /// </summary>
    public static IServiceCollection AddLocalAuthorizationServer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Once only: OpenIddict's event handlers registered twice would run twice (and spend a jti twice).
        if (services.Any(d => d.ServiceType == typeof(LocalAuthority)))
            return services;
        services.AddHttpClient(LocalTokenClient.HttpClientName);
        services.AddOptions<LocalAuthorizationServerOptions>().Bind(configuration.GetSection(LocalAuthorizationServerOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SignInSessions(sp.GetRequiredService<IOptions<LocalAuthorizationServerOptions>>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LocalAuthority(sp.GetRequiredService<IOptions<LocalAuthorizationServerOptions>>(), sp.GetRequiredService<SignInSessions>()));
        services.TryAddSingleton(sp => new AuthStore(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<LocalAuthority>()));
        services.TryAddSingleton(sp => new LocalClients(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<AuthStore>()));
        services.TryAddSingleton(sp => new LocalTokenClient(sp.GetRequiredService<LocalAuthority>(), sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddDbContext<AuthDbContext>((sp, options) =>
        {
            options.UseSqlite($"Data Source={sp.GetRequiredService<LocalAuthority>().DatabasePath};Pooling=False");
            options.UseOpenIddict();
        });

        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>())
            .AddServer(server =>
            {
                // Relative to the path the server is mapped under (/auth), whatever the host and port.
                server.SetConfigurationEndpointUris(".well-known/openid-configuration")
                    .SetJsonWebKeySetEndpointUris(".well-known/jwks")
                    .SetTokenEndpointUris("connect/token")
                    .SetAuthorizationEndpointUris("connect/authorize");
                server.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange();
                // SMART resource scopes are a grammar, not a list: ScopePolicy decides per client.
                server.DisableScopeValidation().IgnoreScopePermissions();
                // Resource servers read the claims; the signature is what protects them.
                server.DisableAccessTokenEncryption();
                server.AddEventHandler(EndpointPathGuard.Descriptor);
                server.AddEventHandler(ClientAssertionGuard.Descriptor);
                server.AddEventHandler(ClientAssertionTypeValidator.Descriptor);
                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    // Loopback is plain HTTP; a deployment behind TLS terminates it in front.
                    .DisableTransportSecurityRequirement();
            });

        services.AddOptions<OpenIddictServerOptions>().Configure<LocalAuthority, IOptions<LocalAuthorizationServerOptions>>((server, authority, options) =>
        {
            server.Issuer = authority.Issuer;
            server.AccessTokenLifetime = options.Value.AccessTokenLifetime;
            server.SigningCredentials.Add(new SigningCredentials(authority.SigningKey, SecurityAlgorithms.RsaSha256));
            server.EncryptionCredentials.Add(new EncryptingCredentials(authority.EncryptionKey, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            // PKCE with S256 only: "plain" gives no protection against a code intercepted on the way back.
            server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain);
        });
        return services;
    }
}
