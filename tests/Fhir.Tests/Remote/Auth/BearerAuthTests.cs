using System.Net;
using ClinicalAgent.Fhir.Tests.Rest;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary><c>Fhir:Auth:Mode = bearer</c>: a token from an environment variable, never written anywhere.</summary>
public sealed class BearerAuthTests : IAsyncLifetime
{
    // A variable of this test's own, so tests running in parallel never see each other's tokens.
    private readonly string _variable = "CLINICALAGENT_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private SmartTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmartTestServer.StartAsync(_clock);

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(_variable, null);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_TokenInVariable_ReadsAndNoLogCarriesToken()
    {
        var token = _server.IssueToken();
        Environment.SetEnvironmentVariable(_variable, token);
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        using var client = Client();

        var read = await client.Gateway.ReadAsync("Patient", patient.Id!);

        Assert.Equal(patient.Id, read.Id);
        Assert.Equal(0, _server.Unauthorized);
        Assert.Contains(client.Logs.Messages, m => m.Contains("Authorization", StringComparison.Ordinal));
        Assert.DoesNotContain(client.Logs.Messages, m => m.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_TokenRevoked_ThrowsAuthorizationFailedNamingVariableNotToken()
    {
        var token = _server.IssueToken();
        Environment.SetEnvironmentVariable(_variable, token);
        using var client = Client();
        _server.RevokeAllTokens();

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Contains(_server.FhirBaseUrl.AbsoluteUri, failure.Message);
        Assert.Contains("authorization failed", failure.Message);
        Assert.Contains(_variable, failure.Message);
        Assert.DoesNotContain(token, failure.ToString());
        Assert.DoesNotContain(client.Logs.Messages, m => m.Contains(token, StringComparison.Ordinal));
        // A static token cannot be renewed: one refusal, no second try with the same token.
        Assert.Equal(1, _server.Unauthorized);
    }

    [Fact]
    public void AddFhir_VariableNotSet_ThrowsNamingVariable()
    {
        var failure = Assert.Throws<ArgumentException>(() => Client());

        Assert.Contains(_variable, failure.Message);
        Assert.Contains("Fhir:Auth:TokenVariable", failure.Message);
    }

    private RemoteClient Client() => RemoteClient.Create(_server.FhirBaseUrl, _clock, new Dictionary<string, string?>
    {
        ["Auth:Mode"] = "bearer",
        ["Auth:TokenVariable"] = _variable,
    });
}
