using System.Text.Json.Nodes;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Workflows.Tests.Persistence;

/// <summary>
/// What every <see cref="IWorkflowStore"/> must do, run against each implementation (SQLite and PostgreSQL) by a
/// subclass. Owners here are plain names (no machine or process id), so a claim holds until its lease runs out in both.
/// </summary>
public abstract class WorkflowStoreContract : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private readonly Lazy<IWorkflowStore> _store;

    protected WorkflowStoreContract() => _store = new Lazy<IWorkflowStore>(() => Open(Time));

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private IWorkflowStore Store => _store.Value;

    protected abstract IWorkflowStore Open(TimeProvider time);

    [Fact]
    public async Task Create_SameTriggerKeyTwice_ReturnsTheFirstInstance()
    {
        var (first, created) = await Store.CreateAsync(New("lab:1"));

        var (second, createdAgain) = await Store.CreateAsync(New("lab:1"));

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Single(await Store.ListAsync());
        Assert.Equal(first.Id, first.Variables["instance"]!["id"]!.GetValue<string>());
        Assert.Equal(["created"], (await Store.JournalAsync(first.Id)).Select(j => j.Kind));
    }

    [Fact]
    public async Task Create_SameTriggerKeyConcurrently_CreatesOneInstance()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Store.CreateAsync(New("lab:race")))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Instance.Id).Distinct());
        Assert.Equal(1, await Store.CountAsync(InstanceStatus.Running));
    }

    [Fact]
    public async Task Create_WithCursor_MovesTheCursorForwardOnly()
    {
        await Store.CreateAsync(New("lab:1"), ("feed", 10));
        await Store.CreateAsync(New("lab:1"), ("feed", 4));

        await Store.SetCursorAsync("feed", 7);

        Assert.Equal(10, await Store.GetCursorAsync("feed"));
        Assert.Null(await Store.GetCursorAsync("other"));
    }

    [Fact]
    public async Task CreateMany_NewAndKnownKeys_CreatesTheNewOnesAndMovesTheCursor()
    {
        var (known, _) = await Store.CreateAsync(New("lab:1"));

        var results = await Store.CreateManyAsync([New("lab:1"), New("lab:2"), New("lab:3"), New("lab:2")], ("feed", 42));

        Assert.Equal([false, true, true, false], results.Select(r => r.Created));
        Assert.Equal(known.Id, results[0].Instance.Id);
        Assert.Equal(results[1].Instance.Id, results[3].Instance.Id);
        Assert.Equal(["lab:1", "lab:2", "lab:3", "lab:2"], results.Select(r => r.Instance.TriggerKey));
        Assert.Equal(3, await Store.CountAsync(InstanceStatus.Running));
        Assert.Equal(42, await Store.GetCursorAsync("feed"));
        Assert.Equal(["created"], (await Store.JournalAsync(results[2].Instance.Id)).Select(j => j.Kind));
        Assert.Equal(results[2].Instance.Id, results[2].Instance.Variables["instance"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateMany_OneInstanceFails_CreatesNoneAndLeavesTheCursor()
    {
        await Store.SetCursorAsync("feed", 5);
        var broken = New("lab:2") with { Workflow = null! }; // the workflow column is NOT NULL: the database refuses it

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Store.CreateManyAsync([New("lab:1"), broken, New("lab:3")], ("feed", 9)));

        Assert.Empty(await Store.ListAsync());
        Assert.Equal(5, await Store.GetCursorAsync("feed"));
        var (retried, created) = await Store.CreateAsync(New("lab:1"));
        Assert.True(created);
        Assert.Equal(["created"], (await Store.JournalAsync(retried.Id)).Select(j => j.Kind));
    }

    [Fact]
    public async Task CreateMany_SameBatchConcurrently_CreatesEachKeyOnce()
    {
        NewInstance[] batch = [New("lab:a"), New("lab:b"), New("lab:c")];

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Store.CreateManyAsync(batch, ("feed", 3)))));

        Assert.Equal(3, runs.Sum(r => r.Count(i => i.Created)));
        Assert.All(runs, r => Assert.Equal(runs[0].Select(i => i.Instance.Id), r.Select(i => i.Instance.Id)));
        Assert.Equal(3, await Store.CountAsync(InstanceStatus.Running));
        Assert.Equal(3, await Store.GetCursorAsync("feed"));
    }

    [Fact]
    public async Task Checkpoint_StepWithWrite_KeepsStateJournalAndOneWriteRecord()
    {
        var (instance, _) = await Store.CreateAsync(New(null));
        var variables = new JsonObject { ["flag"] = new JsonObject { ["id"] = "f1" } };
        var step = new StepCheckpoint(instance.Id, InstanceStatus.Running, "second", variables, true)
        {
            Journal = [("first", "step_completed", new JsonObject { ["reference"] = "Flag/f1" })],
            Write = ("key-1", "first", "Flag/f1"),
        };
        Time.Advance(TimeSpan.FromSeconds(5));

        await Store.CheckpointAsync(step);
        await Store.CheckpointAsync(step with { StepDone = false, Journal = [] });

        var stored = (await Store.GetAsync(instance.Id))!;
        Assert.Equal("second", stored.CurrentStep);
        Assert.Equal(1, stored.StepsDone);
        Assert.Equal("f1", stored.Variables["flag"]!["id"]!.GetValue<string>());
        Assert.Equal(Time.GetUtcNow(), stored.Updated);
        Assert.Equal([("first", "key-1", "Flag/f1")], await Store.WritesAsync(instance.Id));
        var journal = await Store.JournalAsync(instance.Id);
        Assert.Equal(["created", "step_completed"], journal.Select(j => j.Kind));
        Assert.Equal("Flag/f1", journal[1].Detail!["reference"]!.GetValue<string>());
        Assert.True(journal[0].Sequence < journal[1].Sequence);
    }

    [Fact]
    public async Task SetWake_SleepingStep_KeepsTheDeadline()
    {
        var (instance, _) = await Store.CreateAsync(New(null));
        var wake = Time.GetUtcNow().AddHours(2);

        await Store.SetWakeAsync(instance.Id, "first", wake);

        Assert.Equal(wake, (await Store.GetAsync(instance.Id))!.WakeAt);
        Assert.Equal("sleeping", (await Store.JournalAsync(instance.Id))[^1].Kind);
    }

    [Fact]
    public async Task Decide_Approved_RunsAgainAndRecordsWho()
    {
        var id = await WaitingForApprovalAsync();
        Time.Advance(TimeSpan.FromMinutes(3));

        var decided = await Store.DecideAsync(id, approve: true, "dr-jones", null);

        Assert.Equal(InstanceStatus.Running, decided.Status);
        var approval = (await Store.GetApprovalAsync(id, "first"))!;
        Assert.Equal("approved", approval.Status);
        Assert.Equal("dr-jones", approval.DecidedBy);
        Assert.Equal(Time.GetUtcNow(), approval.Decided);
        Assert.Equal("Give potassium?", approval.Message);
        Assert.Equal("dr-jones", (await Store.LatestApprovedAsync(id))!.DecidedBy);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.DecideAsync(id, approve: true, "dr-smith", null));
    }

    [Fact]
    public async Task Decide_Rejected_EndsTheInstanceWithTheReason()
    {
        var id = await WaitingForApprovalAsync();

        var decided = await Store.DecideAsync(id, approve: false, "dr-jones", "already treated");

        Assert.Equal(InstanceStatus.Rejected, decided.Status);
        Assert.Contains("already treated", decided.Error, StringComparison.Ordinal);
        Assert.Null(await Store.LatestApprovedAsync(id));
        Assert.Equal(["rejected", "rejected_end"], (await Store.JournalAsync(id)).TakeLast(2).Select(j => j.Kind));
    }

    [Fact]
    public async Task TryClaim_HeldByAnotherOwner_FailsUntilItsLeaseRunsOut()
    {
        var (instance, _) = await Store.CreateAsync(New(null));
        Assert.True(await Store.TryClaimAsync(instance.Id, "node-a", Lease));

        var whileHeld = await Store.TryClaimAsync(instance.Id, "node-b", Lease);
        var claimableWhileHeld = await Store.ClaimableAsync();
        Time.Advance(Lease + TimeSpan.FromSeconds(1));
        var claimableAfter = await Store.ClaimableAsync();
        var afterExpiry = await Store.TryClaimAsync(instance.Id, "node-b", Lease);

        Assert.False(whileHeld);
        Assert.Empty(claimableWhileHeld);
        Assert.Equal([instance.Id], claimableAfter);
        Assert.True(afterExpiry);
        Assert.False(await Store.RenewAsync(instance.Id, "node-a", Lease));
        Assert.True(await Store.RenewAsync(instance.Id, "node-b", Lease));
    }

    [Fact]
    public async Task Renew_BeforeExpiry_KeepsOthersOut()
    {
        var (instance, _) = await Store.CreateAsync(New(null));
        await Store.TryClaimAsync(instance.Id, "node-a", Lease);
        Time.Advance(Lease * 0.8);

        Assert.True(await Store.RenewAsync(instance.Id, "node-a", Lease));
        Time.Advance(Lease * 0.8);

        Assert.False(await Store.TryClaimAsync(instance.Id, "node-b", Lease));
        await Store.ReleaseAsync(instance.Id, "node-a");
        Assert.True(await Store.TryClaimAsync(instance.Id, "node-b", Lease));
    }

    [Fact]
    public async Task TryClaim_NotRunning_Fails()
    {
        var id = await WaitingForApprovalAsync();

        Assert.False(await Store.TryClaimAsync(id, "node-a", Lease));
        Assert.Empty(await Store.RunnableAsync());
    }

    [Fact]
    public async Task Revive_Failed_RunsAgainFromItsStep()
    {
        var (instance, _) = await Store.CreateAsync(New(null));
        await Store.CheckpointAsync(new StepCheckpoint(instance.Id, InstanceStatus.Failed, "first", instance.Variables, false) { Error = "boom" });

        var revived = await Store.ReviveAsync(instance.Id);
        var again = await Store.ReviveAsync(instance.Id);

        Assert.True(revived);
        Assert.False(again);
        var stored = (await Store.GetAsync(instance.Id))!;
        Assert.Equal(InstanceStatus.Running, stored.Status);
        Assert.Null(stored.Error);
        Assert.Equal([instance.Id], await Store.RunnableAsync());
    }

    [Fact]
    public async Task List_ByStatus_NewestFirstWithinTheLimit()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Store.CreateAsync(New($"k{i}"))).Instance.Id);
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        await Store.CheckpointAsync(new StepCheckpoint(ids[1], InstanceStatus.Completed, null, new JsonObject(), true));

        Assert.Equal([ids[2], ids[1]], (await Store.ListAsync(limit: 2)).Select(i => i.Id));
        Assert.Equal([ids[2], ids[0]], (await Store.ListAsync(InstanceStatus.Running)).Select(i => i.Id));
        Assert.Equal(1, await Store.CountAsync(InstanceStatus.Completed));
    }

    public void Dispose()
    {
        if (_store.IsValueCreated)
        {
            (_store.Value as IDisposable)?.Dispose();
        }

        AfterStoreClosed();
        GC.SuppressFinalize(this);
    }

    /// <summary>Cleans up what <see cref="Open"/> made, once the store is closed.</summary>
    protected virtual void AfterStoreClosed()
    {
    }

    private static NewInstance New(string? triggerKey) =>
        new("hypokalemia", "first", new JsonObject { ["patient"] = "p1" }, triggerKey, "p1");

    private async Task<string> WaitingForApprovalAsync()
    {
        var (instance, _) = await Store.CreateAsync(New(null));
        await Store.CheckpointAsync(new StepCheckpoint(instance.Id, InstanceStatus.WaitingApproval, "first", instance.Variables, false)
        {
            Approval = ("first", "Give potassium?"),
        });
        return instance.Id;
    }
}
