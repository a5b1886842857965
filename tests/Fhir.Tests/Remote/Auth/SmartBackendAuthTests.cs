using System.Net;
using System.Text.Json;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>SMART Backend Services against a loopback authorization and resource server that checks every assertion.</summary>
public sealed class SmartBackendAuthTests : IAsyncLifetime
{
    private const string ClientId = "clinicalagent-test";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private SmartTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmartTestServer.StartAsync(_clock);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("rsa", "pem", "RS384")]
    [InlineData("rsa", "jwk", "RS384")]
    [InlineData("rsa", "jwks", "RS384")]
    [InlineData("ec", "pem", "ES384")]
    [InlineData("ec", "jwk", "ES384")]
    [InlineData("ec", "jwks", "ES384")]
    public async Task ReadAsync_KeyFromPemOrJwk_SendsAcceptedAssertionAndReads(string kind, string format, string algorithm)
    {
        using var key = kind == "rsa" ? TestKey.Rsa() : TestKey.Ec();
        _server.RegisterClient(ClientId, key);
        var keyFile = format switch { "pem" => key.WritePem(), "jwk" => key.WriteJwk(), _ => key.WriteJwks() };
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var client = Client(keyFile, format == "pem" ? key.KeyId : null);

        var read = await client.Gateway.ReadAsync("Patient", patient.Id!);

        Assert.Equal(patient.Id, read.Id);
        Assert.Equal(1, _server.TokenRequests);
        Assert.Equal(1, _server.Discoveries);
        Assert.Equal("system/*.rs", _server.LastScope);
        var (header, claims) = _server.LastAssertion!.Value;
        Assert.Equal(algorithm, header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(key.KeyId, header.GetProperty("kid").GetString());
        Assert.Equal(ClientId, claims.GetProperty("iss").GetString());
        Assert.Equal(ClientId, claims.GetProperty("sub").GetString());
        Assert.Equal(_server.TokenUrl.AbsoluteUri, claims.GetProperty("aud").GetString());
        var ahead = claims.GetProperty("exp").GetInt64() - _clock.GetUtcNow().ToUnixTimeSeconds();
        Assert.InRange(ahead, 1, 300);
    }

    [Fact]
    public async Task ReadAsync_ManySequentialAndConcurrentCalls_ShareOneToken()
    {
        using var key = TestKey.Ec();
        _server.RegisterClient(ClientId, key);
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var client = Client(key.WriteJwk());

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.Gateway.ReadAsync("Patient", patient.Id!)));
        for (var i = 0; i < 5; i++)
        {
            await client.Gateway.ReadAsync("Patient", patient.Id!);
        }

        Assert.All(concurrent, r => Assert.Equal(patient.Id, r.Id));
        Assert.Equal(13, _server.FhirRequests);
        Assert.Equal(1, _server.TokenRequests);
        Assert.Equal(1, _server.Discoveries);
    }

    [Fact]
    public async Task ReadAsync_TokenNearExpiry_RenewsAMinuteEarlyWithout401()
    {
        using var key = TestKey.Rsa();
        _server.RegisterClient(ClientId, key);
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var client = Client(key.WriteJwk());
        await client.Gateway.ReadAsync("Patient", patient.Id!);
        var firstJti = _server.LastAssertion!.Value.Claims.GetProperty("jti").GetString();

        _clock.Advance(TimeSpan.FromSeconds(239));
        await client.Gateway.ReadAsync("Patient", patient.Id!);
        var beforeRenewal = _server.TokenRequests;
        _clock.Advance(TimeSpan.FromSeconds(2));
        await client.Gateway.ReadAsync("Patient", patient.Id!);

        Assert.Equal(1, beforeRenewal);
        Assert.Equal(2, _server.TokenRequests);
        Assert.Equal(0, _server.Unauthorized);
        Assert.NotEqual(firstJti, _server.LastAssertion!.Value.Claims.GetProperty("jti").GetString());
    }

    [Fact]
    public async Task ReadAsync_TokenRevokedByServer_RenewsOnceAndSucceeds()
    {
        using var key = TestKey.Rsa();
        _server.RegisterClient(ClientId, key);
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var client = Client(key.WritePem(), key.KeyId);
        await client.Gateway.ReadAsync("Patient", patient.Id!);
        _server.RevokeAllTokens();

        var read = await client.Gateway.ReadAsync("Patient", patient.Id!);

        Assert.Equal(patient.Id, read.Id);
        Assert.Equal(1, _server.Unauthorized);
        Assert.Equal(2, _server.TokenRequests);
    }

    [Fact]
    public async Task ReadAsync_ServerRefusesEveryToken_ThrowsAuthorizationFailedWithoutTokenText()
    {
        using var key = TestKey.Ec();
        _server.RegisterClient(ClientId, key);
        _server.RefuseAllTokens = true;
        using var client = Client(key.WriteJwk());

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal(OperationOutcome.IssueType.Security, failure.Outcome.Issue[0].Code);
        Assert.Contains(_server.FhirBaseUrl.AbsoluteUri, failure.Message);
        Assert.Contains("authorization failed", failure.Message);
        Assert.Equal(2, _server.TokenRequests);
        Assert.Equal(2, _server.Unauthorized);
        Assert.All(_server.IssuedTokens, token => Assert.DoesNotContain(token, failure.ToString()));
        Assert.All(_server.IssuedTokens, token => Assert.DoesNotContain(client.Logs.Messages, m => m.Contains(token)));
    }

    [Fact]
    public async Task ReadAsync_KeyRevoked_ThrowsInvalidClientFromTokenEndpoint()
    {
        using var key = TestKey.Rsa();
        _server.RegisterClient(ClientId, key);
        _server.RevokeKey(key.KeyId);
        using var client = Client(key.WriteJwk());

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Contains($"The authorization server at {_server.TokenUrl} refused the token request: invalid_client", failure.Message);
        Assert.Contains("revoked", failure.Message);
        Assert.Equal(0, _server.FhirRequests);
    }

    [Fact]
    public async Task ReadAsync_ServerExpectsOtherAudience_ThrowsInvalidClientNamingAud()
    {
        using var key = TestKey.Ec();
        _server.RegisterClient(ClientId, key);
        _server.Audience = "https://ehr.example/oauth2/token";
        using var client = Client(key.WriteJwk());

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Contains("invalid_client (aud must be https://ehr.example/oauth2/token)", failure.Message);
    }

    [Fact]
    public async Task ReadAsync_AuthorizationServerClockTenMinutesAhead_ThrowsAssertionExpired()
    {
        await using var skewed = await SmartTestServer.StartAsync(new FakeTimeProvider(_clock.GetUtcNow().AddMinutes(10)));
        using var key = TestKey.Rsa();
        skewed.RegisterClient(ClientId, key);
        using var client = RemoteClient.Create(skewed.FhirBaseUrl, _clock, Settings(key.WriteJwk()));

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Contains("invalid_client (the assertion has expired)", failure.Message);
    }

    [Fact]
    public async Task ReadAsync_TokenUrlConfigured_SkipsDiscovery()
    {
        using var key = TestKey.Ec();
        _server.RegisterClient(ClientId, key);
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        var settings = Settings(key.WriteJwk());
        settings["Auth:TokenUrl"] = _server.TokenUrl.AbsoluteUri;
        settings["Auth:Scope"] = "system/Patient.rs";
        using var client = RemoteClient.Create(_server.FhirBaseUrl, _clock, settings);

        await client.Gateway.ReadAsync("Patient", patient.Id!);

        Assert.Equal(0, _server.Discoveries);
        Assert.Equal(1, _server.TokenRequests);
        Assert.Equal("system/Patient.rs", _server.LastScope);
    }

    [Fact]
    public async Task SearchAsync_Lenient_RawRequestIsAuthorizedToo()
    {
        using var key = TestKey.Ec();
        _server.RegisterClient(ClientId, key);
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var client = Client(key.WriteJwk());

        var bundle = await client.Gateway.SearchAsync("Patient", Fhir.Search.SearchQuery.Parse($"_id={patient.Id}&no-such-param=1", lenient: true));

        Assert.Equal([patient.Id], bundle.Entry.Where(e => e.Resource is Patient).Select(e => e.Resource!.Id));
        Assert.Equal(0, _server.Unauthorized);
    }

    private RemoteClient Client(string keyFile, string? keyId = null) =>
        RemoteClient.Create(_server.FhirBaseUrl, _clock, Settings(keyFile, keyId));

    private static Dictionary<string, string?> Settings(string keyFile, string? keyId = null) => new()
    {
        ["Auth:Mode"] = "smart-backend",
        ["Auth:ClientId"] = ClientId,
        ["Auth:KeyFile"] = keyFile,
        ["Auth:KeyId"] = keyId,
    };
}
