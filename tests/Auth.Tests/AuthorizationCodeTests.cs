using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth.Tests;

public sealed class AuthorizationCodeTests : IAsyncLifetime
{
    private const string RedirectUri = "http://127.0.0.1:9/callback";
    private const string Verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-a-verifier-for-tests";

    private AuthServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await AuthServer.StartAsync();
        await _server.Clients.AddPublicAsync("app", [RedirectUri], [], CancellationToken.None);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Authorize_SignedInWithLaunch_TokenCarriesPatientAndFhirUser()
    {
        using var browser = _server.Browser();
        await SignInAsync(browser);
        var launch = _server.Authority.CreateLaunch("S1104961");

        using var authorize = await browser.GetAsync(AuthorizeUrl(launch: launch));
        var callback = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        var (status, body) = await RedeemAsync(browser, callback["code"]!, Verifier);

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith(RedirectUri, authorize.Headers.Location!.AbsoluteUri);
        Assert.Equal("xyz", callback["state"].ToString());
        Assert.True(status == 200, body.ToString());
        Assert.Equal("S1104961", body.GetProperty("patient").GetString());
        Assert.True(body.TryGetProperty("id_token", out _));
        var token = await ValidateAsync(body.GetProperty("access_token").GetString()!);
        Assert.Equal("S1104961", token.GetClaim("patient").Value);
        Assert.Equal($"Practitioner/{Environment.UserName}", token.GetClaim("fhirUser").Value);
        Assert.Equal(Environment.UserName, token.Subject);
        Assert.Equal("app", token.GetClaim("client_id").Value);
        Assert.Equal("launch openid fhirUser patient/*.rs", token.GetClaim("scope").Value);
    }

    [Fact]
    public async Task Token_WrongCodeVerifier_IsInvalidGrant()
    {
        using var browser = _server.Browser();
        await SignInAsync(browser);

        using var authorize = await browser.GetAsync(AuthorizeUrl());
        var code = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"]!;
        var (status, body) = await RedeemAsync(browser, code, "another-verifier-that-is-long-enough-to-be-accepted-0123456789");

        Assert.Equal(400, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Authorize_PlainChallenge_IsRefused()
    {
        using var browser = _server.Browser();
        await SignInAsync(browser);

        using var authorize = await browser.GetAsync(AuthorizeUrl(method: "plain", challenge: Verifier));

        // OpenIddict answers this one itself, before it redirects anything to the client.
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("code_challenge_method", await authorize.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Authorize_NotSignedIn_AnswersSignInFirst()
    {
        using var browser = _server.Browser();

        using var authorize = await browser.GetAsync(AuthorizeUrl());

        Assert.Equal(HttpStatusCode.Unauthorized, authorize.StatusCode);
        Assert.Contains("sign-in link", await authorize.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_LinkOpenedTwice_WorksOnce()
    {
        var link = _server.Authority.CreateSignInLink();
        using var first = _server.Browser();
        using var second = _server.Browser();

        using var once = await first.GetAsync(link.PathAndQuery);
        using var twice = await second.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, once.StatusCode);
        Assert.Contains(once.Headers.GetValues("Set-Cookie"), c => c.StartsWith("clinicalagent-auth-session=", StringComparison.Ordinal) && c.Contains("httponly"));
        Assert.Equal(HttpStatusCode.Unauthorized, twice.StatusCode);
        Assert.False(twice.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Authorize_UnknownLaunch_IsRefused()
    {
        using var browser = _server.Browser();
        await SignInAsync(browser);

        using var authorize = await browser.GetAsync(AuthorizeUrl(launch: "made-up"));

        var callback = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query);
        Assert.False(callback.ContainsKey("code"));
        Assert.Equal("invalid_request", callback["error"].ToString());
    }

    private async Task SignInAsync(HttpClient browser)
    {
        using var response = await browser.GetAsync(_server.Authority.CreateSignInLink().PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string AuthorizeUrl(string? launch = null, string method = "S256", string? challenge = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = "app",
            ["redirect_uri"] = RedirectUri,
            ["scope"] = launch is null ? "openid fhirUser patient/*.rs" : "launch openid fhirUser patient/*.rs",
            ["state"] = "xyz",
            ["aud"] = AuthServer.DefaultAudience,
            ["code_challenge"] = challenge ?? Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(Verifier))),
            ["code_challenge_method"] = method,
        };
        if (launch is not null)
            query["launch"] = launch;
        return QueryHelpers.AddQueryString("/auth/connect/authorize", query);
    }

    private async Task<(int Status, JsonElement Body)> RedeemAsync(HttpClient browser, string code, string verifier) =>
        await TokenRequests.PostAsync(_server, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = "app",
            ["code_verifier"] = verifier,
        }, browser);

    private async Task<JsonWebToken> ValidateAsync(string accessToken)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = AuthServer.Issuer,
            ValidAudience = AuthServer.DefaultAudience,
            IssuerSigningKeys = await _server.PublishedKeysAsync(),
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
