using System.Globalization;
using System.Net;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Tests.Remote.Auth;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote;

/// <summary>429 and 503 with <c>Retry-After</c>, waited out on a fake clock: the tests never sleep.</summary>
public sealed class FhirRetryTests : IAsyncLifetime
{
    private readonly WatchedTimeProvider _time = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)));
    private SmartTestServer _server = null!;
    private RemoteClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await SmartTestServer.StartAsync(_time.Fake);
        _server.RequireToken = false;
        _client = RemoteClient.Create(_server.FhirBaseUrl, _time, new Dictionary<string, string?>());
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task ReadAsync_429WithRetryAfterSeconds_WaitsThatLongOnClockThenSucceeds()
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        _server.FailNext(429, "2");
        var start = _time.GetUtcNow();

        var reading = _client.Gateway.ReadAsync("Patient", patient.Id!);
        var wait = await _time.NextTimerAsync();
        _time.Fake.Advance(wait);
        var read = await reading;

        Assert.Equal(TimeSpan.FromSeconds(2), wait);
        Assert.Equal(TimeSpan.FromSeconds(2), _time.GetUtcNow() - start);
        Assert.Equal(patient.Id, read.Id);
        Assert.Equal(2, _server.FhirRequests);
    }

    [Fact]
    public async Task SearchAsync_503WithRetryAfterDate_WaitsUntilThatDate()
    {
        var patient = (await _server.Store.CreateAsync(TestResources.Patient())).Resource;
        _server.FailNext(503, _time.GetUtcNow().AddSeconds(7).ToString("r", CultureInfo.InvariantCulture));

        var searching = _client.Gateway.SearchAsync("Patient", SearchQuery.Parse($"_id={patient.Id}"));
        var wait = await _time.NextTimerAsync();
        _time.Fake.Advance(wait);
        var bundle = await searching;

        Assert.Equal(TimeSpan.FromSeconds(7), wait);
        Assert.Equal([patient.Id], bundle.Entry.Select(e => e.Resource!.Id));
    }

    [Fact]
    public async Task ReadAsync_503Forever_ThrowsAfterThreeRetriesWithDoublingWaits()
    {
        _server.FailAlways(503);

        var reading = _client.Gateway.ReadAsync("Patient", "any");
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            waits.Add(await _time.NextTimerAsync());
            _time.Fake.Advance(waits[^1]);
        }

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => reading);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], waits);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.Equal(OperationOutcome.IssueType.Transient, failure.Outcome.Issue[0].Code);
        Assert.Contains($"The server at {_server.FhirBaseUrl.GetLeftPart(UriPartial.Authority)} answered 503 Service Unavailable 4 times over 7 s", failure.Message);
        Assert.Equal(4, _server.FhirRequests);
    }

    [Fact]
    public async Task CreateAsync_503_NotRetriedBecauseServerMayHaveCreated()
    {
        _server.FailNext(503, "1");

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => _client.Gateway.CreateAsync(TestResources.Patient()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.Status);
        Assert.Equal(1, _server.FhirRequests);
        Assert.False(_time.HasPendingTimer);
    }

    [Fact]
    public async Task CreateAsync_429_RetriedOnceAndCreatedOnce()
    {
        var identifier = "retry-" + Guid.NewGuid().ToString("N");
        _server.FailNext(429, "1");

        var creating = _client.Gateway.CreateAsync(TestResources.Patient(identifier));
        _time.Fake.Advance(await _time.NextTimerAsync());
        var created = await creating;

        Assert.Equal(FhirWriteOutcome.Created, created.Outcome);
        var found = await _server.Store.SearchAsync("Patient", SearchQuery.Parse($"identifier={TestResources.IdentifierSystem}|{identifier}"));
        Assert.Single(found.Entry);
        Assert.Equal(2, _server.FhirRequests);
    }

    [Fact]
    public async Task ReadAsync_RetryAfterBeyondMaxWait_FailsAtOnceNamingSetting()
    {
        _server.FailNext(429, "3600");

        var failure = await Assert.ThrowsAsync<FhirGatewayException>(() => _client.Gateway.ReadAsync("Patient", "any"));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Equal(OperationOutcome.IssueType.Throttled, failure.Outcome.Issue[0].Code);
        Assert.Contains("asks to wait 3600 s, longer than Fhir:Retry:MaxWait (30 s)", failure.Message);
        Assert.Equal(1, _server.FhirRequests);
        Assert.False(_time.HasPendingTimer);
    }
}
