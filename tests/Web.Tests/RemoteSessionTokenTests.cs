using System.Collections.Concurrent;
using ClinicalAgent.Web.Remote;
using ClinicalAgent.Web.SignIn;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Web.Tests;

/// <summary>A session's token at another EHR: renewed with its refresh token at that EHR's token endpoint (real HTTP on loopback).</summary>
public sealed class RemoteSessionTokenTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<IFormCollection> _requests = new();
    private WebApplication _endpoint = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _endpoint = builder.Build();
        _endpoint.MapPost("/token", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            _requests.Enqueue(form);
            return form["refresh_token"] == "refresh-1"
                ? Results.Json(new { access_token = "access-2", token_type = "Bearer", expires_in = 300, refresh_token = "refresh-2" })
                : Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        });
        await _endpoint.StartAsync();
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
    }

    [Fact]
    public async Task GetAsync_AfterExpiryWithRefreshToken_RenewsAtTheTokenEndpoint()
    {
        var token = Token(new TokenResponse("access-1", null, null, null, null, null, null) { ExpiresIn = 300, RefreshToken = "refresh-1" });
        var before = await token.GetAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(290));
        var after = await token.GetAsync(CancellationToken.None);

        Assert.Equal("access-1", before);
        Assert.Equal("access-2", after);
        var request = Assert.Single(_requests);
        Assert.Equal("refresh_token", request["grant_type"]);
        Assert.Equal("the-app", request["client_id"]);
        Assert.Equal(_time.GetUtcNow().AddSeconds(300), token.Expires);
    }

    [Fact]
    public async Task RenewAsync_WithoutRefreshToken_IsNotPossibleAndRefusedAsksForSignIn()
    {
        var token = Token(new TokenResponse("access-1", null, null, null, null, null, null) { ExpiresIn = 300 });

        var renewed = await token.RenewAsync("access-1", CancellationToken.None);
        token.Refused();

        Assert.False(renewed);
        Assert.Empty(_requests);
        Assert.True(token.SignInAgain);
        Assert.Null(await token.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RenewAsync_RefreshTokenRefused_IsNotPossible()
    {
        var token = Token(new TokenResponse("access-1", null, null, null, null, null, null) { RefreshToken = "revoked" });

        var renewed = await token.RenewAsync("access-1", CancellationToken.None);

        Assert.False(renewed);
        Assert.False(token.CanRenew);
        Assert.Equal("access-1", await token.GetAsync(CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        await _services.DisposeAsync();
    }

    private RemoteSessionToken Token(TokenResponse tokens)
    {
        var signIn = new RemoteSignIn(new Uri("http://127.0.0.1:9/fhir"), $"{_endpoint.Urls.First()}/token", new RemoteClientOptions { Issuer = "http://127.0.0.1:9/fhir", ClientId = "the-app" });
        return new RemoteSessionToken(signIn, tokens, _services.GetRequiredService<IHttpClientFactory>(), _time);
    }
}
