using System.Net;
using ClinicalAgent.Fhir.Remote.Auth;
using ClinicalAgent.Fhir.Tests.Rest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>
/// <c>Fhir:Auth:Mode</c> <c>auto</c> (the default) on a loopback server: tokens from the host's
/// <see cref="ILocalFhirTokenProvider"/>, renewed before they expire, none when the server hosts no authorization server.
/// </summary>
public sealed class LocalTokenModeTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private SmartTestServer _server = null!;

    public async Task InitializeAsync() => _server = await SmartTestServer.StartAsync(_clock);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ReadAsync_DefaultModeOnLoopback_SendsTheProvidersTokenAndRenewsItBeforeExpiry()
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource.Id!;
        var provider = new CountingProvider(() => new LocalFhirToken(_server.IssueToken(), _clock.GetUtcNow() + _server.TokenLifetime));
        using var client = Client(provider);

        await client.Gateway.ReadAsync("Patient", patient);
        await client.Gateway.ReadAsync("Patient", patient);
        _clock.Advance(TimeSpan.FromMinutes(4.5)); // inside the last minute: renewed before the server would refuse it
        await client.Gateway.ReadAsync("Patient", patient);

        Assert.Equal(2, provider.Calls);
        Assert.Equal(0, _server.Unauthorized);
        Assert.Equal(_server.FhirBaseUrl.AbsoluteUri, provider.AskedFor!.AbsoluteUri);
    }

    [Fact]
    public async Task ReadAsync_TokenRevoked_AsksTheProviderAgainOnce()
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource.Id!;
        var provider = new CountingProvider(() => new LocalFhirToken(_server.IssueToken(), _clock.GetUtcNow() + _server.TokenLifetime));
        using var client = Client(provider);
        await client.Gateway.ReadAsync("Patient", patient);
        _server.RevokeAllTokens();

        var read = await client.Gateway.ReadAsync("Patient", patient);

        Assert.Equal(patient, read.Id);
        Assert.Equal((2, 1), (provider.Calls, _server.Unauthorized));
    }

    [Fact]
    public async Task ReadAsync_ServerWithoutLocalAuthorization_GoesWithoutATokenAndAnAuthorizingServerRefuses()
    {
        var provider = new CountingProvider(() => null);
        using var client = Client(provider);

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));
        await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal(1, provider.Calls); // "no authorization server there" is remembered
        Assert.Equal(2, _server.Unauthorized);
    }

    [Fact]
    public async Task ReadAsync_ModeNone_NeverAsksTheProvider()
    {
        var provider = new CountingProvider(() => new LocalFhirToken(_server.IssueToken(), _clock.GetUtcNow() + _server.TokenLifetime));
        using var client = Client(provider, mode: "none");

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => client.Gateway.ReadAsync("Patient", "any"));

        Assert.Equal(HttpStatusCode.Unauthorized, failure.Status);
        Assert.Equal(0, provider.Calls);
    }

    private RemoteClient Client(CountingProvider provider, string? mode = null) => RemoteClient.Create(
        _server.FhirBaseUrl,
        _clock,
        mode is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Auth:Mode"] = mode },
        services => services.AddSingleton<ILocalFhirTokenProvider>(provider));

    private sealed class CountingProvider(Func<LocalFhirToken?> issue) : ILocalFhirTokenProvider
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Uri? AskedFor { get; private set; }

        public Task<LocalFhirToken?> GetTokenAsync(Uri fhirBase, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            AskedFor = fhirBase;
            return Task.FromResult(issue());
        }
    }
}
