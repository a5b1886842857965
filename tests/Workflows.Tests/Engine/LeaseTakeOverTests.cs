using System.Text.Json.Nodes;
using System.Threading.Channels;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using ClinicalAgent.Workflows.Persistence.Postgres;
using ClinicalAgent.Workflows.Tests.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ClinicalAgent.Workflows.Tests.Engine;

/// <summary>
/// Leases on the shared store (a private PostgreSQL server) on a fake clock: a live runner's renewals keep its claim, a
/// lost claim stops its run, and the host's sweep takes over a dead node's instance at its first tick after the lease
/// ran out, not before. Tests wait for the keeper's and the dispatcher's own reports; no test waits for a timer.
/// </summary>
public sealed class LeaseTakeOverTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private const string Quick = """
        name: quick
        steps:
          - id: only
            type: condition
            if: "true"
        """;

    [Fact]
    public async Task LeaseKeeper_LiveRunnerRenewing_KeepsItsClaimPastTheLease()
    {
        var time = new FakeTimeProvider(Start);
        var database = server.NewDatabase();
        using var store = await PostgresWorkflowStore.OpenAsync(database, time);
        var id = await NewInstanceAsync(store);
        var claimed = await store.TryClaimAsync(id, "live", Lease);
        bool takenWhileLive, lost;

        await using (var keeper = new LeaseKeeper(store, id, "live", Lease, time, CancellationToken.None))
        {
            var renewals = Renewals(keeper);
            // Three leases' worth of time, a renewal period at a time; each renewal lands before the clock moves on.
            for (var i = 0; i < 9; i++)
            {
                time.Advance(Lease / 3);
                var expected = (time.GetUtcNow() + Lease).ToUnixTimeMilliseconds();
                Assert.True(await NextAsync(renewals), $"renewal {i + 1} found the claim gone");
                Assert.Equal(expected, await LeaseUntilAsync(database, id));
            }

            takenWhileLive = await store.TryClaimAsync(id, "other", Lease);
            lost = keeper.Lost;
        }

        var takenBeforeExpiry = await store.TryClaimAsync(id, "other", Lease);
        time.Advance(Lease);
        var takenAfterExpiry = await store.TryClaimAsync(id, "other", Lease);

        Assert.True(claimed);
        Assert.False(takenWhileLive, "another node took the claim of a runner that kept renewing it");
        Assert.False(lost);
        Assert.False(takenBeforeExpiry, "the last renewal's lease had not run out yet");
        Assert.True(takenAfterExpiry, "once the runner stopped renewing, its lease ran out");
    }

    [Fact]
    public async Task LeaseKeeper_ClaimTakenByAnotherNode_CancelsTheRunAtTheNextRenewal()
    {
        var time = new FakeTimeProvider(Start);
        using var store = await PostgresWorkflowStore.OpenAsync(server.NewDatabase(), time);
        var id = await NewInstanceAsync(store);
        await store.TryClaimAsync(id, "cut-off", Lease);
        await using var keeper = new LeaseKeeper(store, id, "cut-off", Lease, time, CancellationToken.None);
        // As if the node had been cut off past its lease: the claim is released and another node holds it now.
        await store.ReleaseAsync(id, "cut-off");
        await store.TryClaimAsync(id, "other", Lease);
        var cancelledBeforeRenewal = keeper.Token.IsCancellationRequested;
        var renewals = Renewals(keeper);

        time.Advance(Lease / 3);
        var held = await NextAsync(renewals);
        var cancelled = keeper.Token.IsCancellationRequested;

        Assert.False(cancelledBeforeRenewal);
        Assert.False(held, "the renewal extended a claim another node holds");
        Assert.True(cancelled, "the failed renewal did not cancel the run");
        Assert.True(keeper.Lost);
        Assert.False(await store.RenewAsync(id, "cut-off", Lease), "the other node's claim still holds");
    }

    [Fact]
    public async Task Host_NodeDiedHoldingAnInstance_TakenOverAtTheFirstSweepAfterItsLeaseRanOut()
    {
        var time = new FakeTimeProvider(Start);
        var sweep = TimeSpan.FromSeconds(10);
        using var store = await PostgresWorkflowStore.OpenAsync(server.NewDatabase(), time);
        using var host = new WorkflowTestHost(null, time, services => services.AddSingleton<IWorkflowStore>(store), ("quick", Quick));
        await host.AddPatientAsync();
        // A dead node's claims, running out at 5 s, 15 s and 25 s; the sweep ticks at 10, 20 and 30 s. The first two
        // say that each sweep has read the database before the clock moves on.
        var first = await DeadNodeClaimAsync(host, TimeSpan.FromSeconds(5));
        var second = await DeadNodeClaimAsync(host, TimeSpan.FromSeconds(15));
        var target = await DeadNodeClaimAsync(host, TimeSpan.FromSeconds(25));
        await using var workflows = new WorkflowHost(host.Engine, new WorkflowEngineOptions { TakeOverInterval = sweep }, host.Fhir, changes: null);
        var finished = Channel.CreateUnbounded<string>();
        workflows.Dispatcher.Finished += id => finished.Writer.TryWrite(id);
        await workflows.StartAsync();
        var resumedAtStart = await store.GetAsync(target);

        time.Advance(sweep);
        var firstDone = await CompletedAsync(store, finished.Reader, first);
        time.Advance(sweep);
        var secondDone = await CompletedAsync(store, finished.Reader, second);
        time.Advance(TimeSpan.FromSeconds(6)); // 26 s: the lease ran out a second ago, no sweep since
        var beforeSweep = (await store.GetAsync(target))!;
        time.Advance(TimeSpan.FromSeconds(4)); // 30 s: the next sweep
        var afterSweep = await CompletedAsync(store, finished.Reader, target);

        Assert.Equal((InstanceStatus.Running, 0), (resumedAtStart!.Status, resumedAtStart.StepsDone));
        Assert.True(firstDone && secondDone, "the sweeps did not take over the instances whose leases had run out");
        Assert.Equal((InstanceStatus.Running, 0), (beforeSweep.Status, beforeSweep.StepsDone));
        Assert.True(afterSweep, "the sweep after the lease ran out did not take the instance over");
        var started = Assert.Single(await store.JournalAsync(target), j => j.Kind == "step_started");
        Assert.Equal(Start + TimeSpan.FromSeconds(30), started.At);
    }

    private static async Task<string> NewInstanceAsync(IWorkflowStore store) =>
        (await store.CreateAsync(new NewInstance("quick", "only", new JsonObject(), null, WorkflowTestHost.PatientId))).Instance.Id;

    private static async Task<string> DeadNodeClaimAsync(WorkflowTestHost host, TimeSpan lease)
    {
        var (instance, _) = await host.Engine.StartAsync("quick", new StartRequest(WorkflowTestHost.PatientId));
        Assert.True(await host.Store.TryClaimAsync(instance.Id, "dead-node", lease));
        return instance.Id;
    }

    /// <summary>Whether the run of <paramref name="id"/> the sweep started has returned with the instance completed: woken by the dispatcher, not polled.</summary>
    private static async Task<bool> CompletedAsync(IWorkflowStore store, ChannelReader<string> finished, string id)
    {
        try
        {
            while (await finished.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20)) != id)
            {
            }
        }
        catch (TimeoutException)
        {
            return false;
        }

        return (await store.GetAsync(id))!.Status == InstanceStatus.Completed;
    }

    /// <summary>The renewals' outcomes as the keeper reports them (its timer fires on the fake clock's advance).</summary>
    private static ChannelReader<bool> Renewals(LeaseKeeper keeper)
    {
        var renewals = Channel.CreateUnbounded<bool>();
        keeper.Renewed += held => renewals.Writer.TryWrite(held);
        return renewals.Reader;
    }

    // The timeout only turns a renewal that never comes into a failure instead of a hang; it measures nothing.
    private static async Task<bool> NextAsync(ChannelReader<bool> renewals) =>
        await renewals.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    private static async Task<long?> LeaseUntilAsync(string database, string id)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT lease_until FROM workflow_instances WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync() is long until ? until : null;
    }
}
