using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Auth.Tests;

public sealed class ClientCredentialsTests : IAsyncLifetime
{
    private AuthServer _server = null!;

    public async Task InitializeAsync() => _server = await AuthServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Token_Rs384Assertion_IssuesJwtSignedByPublishedKey()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), ["system/*.rs"], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri), "system/Observation.rs system/Patient.r");

        Assert.True(status == 200, body.ToString());
        var token = await ValidateAsync(body, AuthServer.DefaultAudience);
        Assert.Equal("system/Observation.rs system/Patient.r", token.GetClaim("scope").Value);
        Assert.Equal("backend", token.GetClaim("client_id").Value);
        Assert.Equal("backend", token.Subject);
        Assert.Equal(TimeSpan.FromMinutes(5), token.ValidTo - token.IssuedAt);
        Assert.Equal("RS256", token.Alg);
    }

    [Fact]
    public async Task Token_Es384AssertionWithAud_IssuesTokenForThatAudience()
    {
        using var key = ClientKey.Ec();
        await _server.Clients.AddConfidentialAsync("ec-backend", key.PublicJwks(), ["system/Observation.rs"], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("ec-backend", _server.Authority.TokenEndpoint.AbsoluteUri),
            "system/Observation.rs", ("aud", "https://ehr.example/fhir"));

        Assert.True(status == 200, body.ToString());
        var token = await ValidateAsync(body, "https://ehr.example/fhir");
        Assert.Equal("ec-backend", token.GetClaim("client_id").Value);
        Assert.False(token.TryGetClaim("patient", out _));
    }

    [Fact]
    public async Task Token_ReplayedJti_IsRejected()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), [], CancellationToken.None);
        var assertion = key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri, jti: "once");
        var (first, _) = await TokenRequests.ClientCredentialsAsync(_server, assertion, "system/Patient.rs");

        var (second, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri, jti: "once"), "system/Patient.rs");

        Assert.Equal(200, first);
        Assert.Equal(401, second);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_ExpiredAssertion_IsRejected()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), [], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server,
            key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri, issuedAt: DateTime.UtcNow.AddMinutes(-20)), "system/Patient.rs");

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_AssertionLivingOverFiveMinutes_IsRejected()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), [], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server,
            key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri, lifetime: TimeSpan.FromHours(1)), "system/Patient.rs");

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_AssertionForAnotherAudience_IsRejected()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), [], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("backend", "http://127.0.0.1:8080/fhir"), "system/Patient.rs");

        // OpenIddict reports an assertion for another recipient as an invalid token, not an invalid client.
        Assert.Equal(400, status);
        Assert.Equal("invalid_token", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_UnknownClient_IsRejected()
    {
        using var key = ClientKey.Rsa();

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("nobody", _server.Authority.TokenEndpoint.AbsoluteUri), "system/Patient.rs");

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_AssertionSignedByAnotherKey_IsRejected()
    {
        using var registered = ClientKey.Rsa();
        using var other = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", registered.PublicJwks(), [], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, other.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri), "system/Patient.rs");

        Assert.Equal(401, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_ScopeBeyondRegistration_IsInvalidScope()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), ["system/Observation.rs"], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri), "system/Observation.cruds");

        Assert.Equal(400, status);
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_OtherClientNamingPatient_IsInvalidRequest()
    {
        using var key = ClientKey.Rsa();
        await _server.Clients.AddConfidentialAsync("backend", key.PublicJwks(), [], CancellationToken.None);

        var (status, body) = await TokenRequests.ClientCredentialsAsync(_server, key.Assertion("backend", _server.Authority.TokenEndpoint.AbsoluteUri),
            "system/Patient.rs", ("patient", "S1"));

        Assert.Equal(400, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
    }

    private async Task<JsonWebToken> ValidateAsync(JsonElement body, string audience)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(body.GetProperty("access_token").GetString(), new TokenValidationParameters
        {
            ValidIssuer = AuthServer.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = await _server.PublishedKeysAsync(),
            ValidTypes = ["at+jwt"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }
}
