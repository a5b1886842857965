using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Tests.Rest;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote;

/// <summary>The polled feed of a remote server (our store served on loopback, its clock faked so times can coincide).</summary>
public sealed class RemoteChangeFeedTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private TempStore _store = null!;
    private FhirTestServer _server = null!;
    private RemoteChangeFeed _feed = null!;

    public async Task InitializeAsync()
    {
        _store = new TempStore(_clock);
        _server = await FhirTestServer.StartAsync(_store.Store);
        _feed = new RemoteChangeFeed(new RemoteFhirGateway(_server.Client, _server.BaseUrl), _server.BaseUrl);
    }

    [Fact]
    public async Task ReadChanges_FromHighWaterMark_VersionsInTimeOrderWithTheOverlap()
    {
        var early = await _store.Store.CreateAsync(new Patient { Id = null });
        _clock.Advance(TimeSpan.FromMinutes(5));
        var mark = await _feed.LatestChangeSequenceAsync(["Patient"]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var created = await _store.Store.CreateAsync(new Patient());
        _clock.Advance(TimeSpan.FromSeconds(1));
        var updated = await _store.Store.UpdateAsync(new Patient { Id = created.Resource.Id, Active = true });

        var changes = await _feed.ReadChangesAsync(mark, types: ["Patient"]);

        Assert.Equal(early.Resource.Meta!.LastUpdated!.Value.ToUnixTimeMilliseconds(), mark);
        // The mark's own change is read again (the overlap; the consumer skips it by version); the second patient comes
        // once, as its current version: a search shows what is there now, not each version.
        Assert.Equal([(early.Resource.Id, 1), (created.Resource.Id, 2)], changes.Select(c => (c.Id, c.Version)));
        Assert.Equal(updated.Resource.Meta!.LastUpdated!.Value.ToUnixTimeMilliseconds(), changes[^1].Sequence);
    }

    [Fact]
    public async Task ReadChanges_MoreThanMaxInOneMillisecond_NeverCutsBetweenThem()
    {
        var transaction = new Bundle { Type = Bundle.BundleType.Transaction };
        for (var i = 0; i < 5; i++)
        {
            transaction.Entry.Add(new Bundle.EntryComponent { Resource = new Patient(), Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" } });
        }

        await _store.Store.TransactionAsync(transaction);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _store.Store.CreateAsync(new Patient());

        var changes = await _feed.ReadChangesAsync(0, max: 2, types: ["Patient"]);

        Assert.Equal(5, changes.Count);
        Assert.Single(changes.Select(c => c.Sequence).Distinct());
    }

    [Fact]
    public async Task ReadChanges_OverlapHoldsMoreThanMax_StillReachesTheNewChanges()
    {
        for (var i = 0; i < 6; i++)
        {
            await _store.Store.CreateAsync(new Patient());
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        var mark = await _feed.LatestChangeSequenceAsync(["Patient"]);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var fresh = await _store.Store.CreateAsync(new Patient());

        var changes = await _feed.ReadChangesAsync(mark, max: 2, types: ["Patient"]);

        // The six in the overlap come back (the consumer skips them by version) and the new one with them.
        Assert.Equal(7, changes.Count);
        Assert.Equal(fresh.Resource.Id, changes[^1].Id);
    }

    [Fact]
    public async Task ReadChanges_NoTypes_AsksForThem()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _feed.ReadChangesAsync(0));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _store.Dispose();
    }
}
