using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth.Tests;

/// <summary>A resource server's JWT bearer scheme, the default, in the same host: it validates the server's tokens offline with <see cref="LocalAuthority.PublicSigningKeys"/>.</summary>
public sealed class ResourceServerTests : IAsyncLifetime
{
    private AuthServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthServer.StartAsync(
        builder =>
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
            builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<LocalAuthority>((options, authority) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = authority.Issuer.AbsoluteUri,
                    ValidAudience = AuthServer.DefaultAudience,
                    IssuerSigningKeys = authority.PublicSigningKeys,
                };
            });
            builder.Services.AddAuthorization();
        },
        app =>
        {
            app.UseAuthorization();
            app.MapGet("/fhir/whoami", (HttpContext context) => context.User.FindFirst("sub")!.Value).RequireAuthorization();
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ProtectedEndpoint_WithIssuedToken_KnowsTheCaller()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), [], CancellationToken.None);
        var (_, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri), "system/Patient.rs");
        using var http = _server.Browser();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());

        var caller = await http.GetStringAsync("/fhir/whoami");

        Assert.Equal("backend", caller);
    }

    [Fact]
    public async Task ProtectedEndpoint_WithoutToken_IsUnauthorizedWhileDiscoveryStaysOpen()
    {
        using var http = _server.Browser();

        using var denied = await http.GetAsync("/fhir/whoami");
        using var discovery = await http.GetAsync("/auth/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
    }
}
