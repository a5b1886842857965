using System.Text.Json.Nodes;
using Npgsql;
using static ClinicalAgent.Workflows.Persistence.Postgres.PostgresSql;

namespace ClinicalAgent.Workflows.Persistence.Postgres;

/// <summary>
/// The workflow store in PostgreSQL, shared by several <c>serve</c> nodes: any node resumes any instance, claims are
/// leases that expire by time (renewed while a run lives), and keyed inserts (trigger keys, write keys) are decided
/// by the database, so two nodes racing on one event create one instance. Approvals and leases live in
/// <see cref="PostgresApprovals"/> and <see cref="PostgresLeases"/>.
/// </summary>
public sealed class PostgresWorkflowStore : IWorkflowStore, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly PostgresSql _sql;
    private readonly TimeProvider _time;
    private readonly PostgresApprovals _approvals;
    private readonly PostgresLeases _leases;

    private PostgresWorkflowStore(NpgsqlDataSource source, string location, TimeProvider time)
    {
        _source = source;
        _sql = new PostgresSql(source);
        _time = time;
        Location = location;
        _approvals = new PostgresApprovals(_sql, () => Now);
        _leases = new PostgresLeases(_sql, () => Now);
    }

    public string Location { get; }

    public bool IsShared => true;

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Connects and creates the schema (ours and Quartz's) when missing. Fails with a short message naming host and database, never the password.</summary>
    public static async Task<PostgresWorkflowStore> OpenAsync(string connectionString, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new WorkflowStoreException($"The workflow database connection string is not valid: {ex.Message}");
        }

        var location = $"{builder.Host}:{builder.Port}/{builder.Database}";
        var source = NpgsqlDataSource.Create(builder.ConnectionString);
        try
        {
            await PostgresWorkflowSchema.EnsureAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresException or TimeoutException)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw new WorkflowStoreException($"Cannot open the workflow database at {location}: {ex.Message}", ex);
        }

        return new PostgresWorkflowStore(source, location, time ?? TimeProvider.System);
    }

    public Task<(WorkflowInstance Instance, bool Created)> CreateAsync(NewInstance instance, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default) =>
        _sql.InTransactionAsync(async (c, tx) =>
        {
            var result = await CreateOneAsync(c, tx, instance).ConfigureAwait(false);
            await MoveCursorAsync(c, tx, cursor).ConfigureAwait(false);
            return result;
        }, cancellationToken);

    public Task<IReadOnlyList<(WorkflowInstance Instance, bool Created)>> CreateManyAsync(IReadOnlyList<NewInstance> instances, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default) =>
        _sql.InTransactionAsync<IReadOnlyList<(WorkflowInstance, bool)>>(async (c, tx) =>
        {
            var results = new List<(WorkflowInstance, bool)>(instances.Count);
            foreach (var instance in instances)
            {
                results.Add(await CreateOneAsync(c, tx, instance).ConfigureAwait(false));
            }

            await MoveCursorAsync(c, tx, cursor).ConfigureAwait(false);
            return results;
        }, cancellationToken);

    private async Task<(WorkflowInstance Instance, bool Created)> CreateOneAsync(NpgsqlConnection c, NpgsqlTransaction tx, NewInstance instance)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var variables = (JsonObject)instance.Variables.DeepClone();
        variables["instance"] = new JsonObject { ["id"] = id, ["workflow"] = instance.Workflow };
        var now = Now;
        // The unique (workflow, trigger_key) index decides: a second node with the same event waits for the first, then
        // inserts nothing; a key repeated within one batch finds the row this transaction inserted.
        var inserted = await RunAsync(c, tx, """
            INSERT INTO workflow_instances(id, workflow, status, current_step, variables, trigger_key, patient, created, updated)
            VALUES(@id, @w, @s, @c, @v, @k, @p, @now, @now)
            ON CONFLICT (workflow, trigger_key) WHERE trigger_key IS NOT NULL DO NOTHING
            """, ("id", id), ("w", instance.Workflow), ("s", nameof(InstanceStatus.Running)), ("c", instance.FirstStep),
            ("v", variables.ToJsonString()), ("k", instance.TriggerKey), ("p", instance.PatientId), ("now", now)).ConfigureAwait(false);
        if (inserted == 0)
        {
            var existing = await InstancesAsync(c, tx, "WHERE workflow = @w AND trigger_key = @k", ("w", instance.Workflow), ("k", instance.TriggerKey)).ConfigureAwait(false);
            return (existing.Single(), false);
        }

        await PostgresSql.AddJournalAsync(c, tx, now, id, null, "created", new JsonObject { ["trigger"] = instance.TriggerKey, ["patient"] = instance.PatientId }).ConfigureAwait(false);
        return ((await InstancesAsync(c, tx, "WHERE id = @id", ("id", id)).ConfigureAwait(false)).Single(), true);
    }

    public Task CheckpointAsync(StepCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        _sql.InTransactionAsync(async (c, tx) =>
        {
            var now = Now;
            await RunAsync(c, tx, """
                UPDATE workflow_instances SET status = @s, current_step = @c, variables = @v, updated = @now, error = @e,
                    steps_done = steps_done + @d, wake_at = NULL WHERE id = @id
                """, ("s", checkpoint.Status.ToString()), ("c", checkpoint.NextStep), ("v", checkpoint.Variables.ToJsonString()),
                ("now", now), ("e", checkpoint.Error), ("d", checkpoint.StepDone ? 1 : 0), ("id", checkpoint.InstanceId)).ConfigureAwait(false);
            foreach (var (step, kind, detail) in checkpoint.Journal)
            {
                await PostgresSql.AddJournalAsync(c, tx, now, checkpoint.InstanceId, step, kind, detail).ConfigureAwait(false);
            }

            if (checkpoint.Approval is { } approval)
            {
                await RunAsync(c, tx, """
                    INSERT INTO workflow_approvals(instance_id, step_id, status, message, requested) VALUES(@i, @s, 'pending', @m, @now)
                    ON CONFLICT(instance_id, step_id) DO NOTHING
                    """, ("i", checkpoint.InstanceId), ("s", approval.StepId), ("m", approval.Message), ("now", now)).ConfigureAwait(false);
            }

            if (checkpoint.Write is { } write)
            {
                await RunAsync(c, tx, """
                    INSERT INTO workflow_writes(idempotency_key, instance_id, step_id, reference, at) VALUES(@k, @i, @s, @r, @now)
                    ON CONFLICT(idempotency_key) DO NOTHING
                    """, ("k", write.Key), ("i", checkpoint.InstanceId), ("s", write.StepId), ("r", write.Reference), ("now", now)).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    public Task SetWakeAsync(string instanceId, string stepId, DateTimeOffset wakeAt, CancellationToken cancellationToken = default) =>
        _sql.InTransactionAsync(async (c, tx) =>
        {
            var now = Now;
            await RunAsync(c, tx, "UPDATE workflow_instances SET wake_at = @w, updated = @now WHERE id = @id",
                ("w", wakeAt.ToUnixTimeMilliseconds()), ("now", now), ("id", instanceId)).ConfigureAwait(false);
            await PostgresSql.AddJournalAsync(c, tx, now, instanceId, stepId, "sleeping", new JsonObject { ["until"] = wakeAt.ToString("O") }).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task AddJournalAsync(string instanceId, string? stepId, string kind, JsonObject? detail, CancellationToken cancellationToken = default) =>
        _sql.InTransactionAsync(async (c, tx) =>
        {
            await PostgresSql.AddJournalAsync(c, tx, Now, instanceId, stepId, kind, detail).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<WorkflowInstance?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(async c => (await InstancesAsync(c, null, "WHERE id = @id", ("id", id)).ConfigureAwait(false)).SingleOrDefault(), cancellationToken);

    public Task<IReadOnlyList<WorkflowInstance>> ListAsync(InstanceStatus? status = null, int limit = 100, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<WorkflowInstance>>(async c => status is null
            ? await InstancesAsync(c, null, "ORDER BY created DESC, id DESC LIMIT @n", ("n", limit)).ConfigureAwait(false)
            : await InstancesAsync(c, null, "WHERE status = @s ORDER BY created DESC, id DESC LIMIT @n", ("s", status.Value.ToString()), ("n", limit)).ConfigureAwait(false),
            cancellationToken);

    public Task<long> CountAsync(InstanceStatus status, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(async c =>
        {
            await using var command = Command(c, null, "SELECT COUNT(*) FROM workflow_instances WHERE status = @s", ("s", status.ToString()));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<JournalEntry>>(async c => await RowsAsync(c, null, ReadJournal,
            "SELECT seq, instance_id, at, step_id, kind, detail FROM workflow_journal WHERE instance_id = @i ORDER BY seq", ("i", instanceId)).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<(string StepId, string Key, string Reference)>> WritesAsync(string instanceId, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<(string, string, string)>>(async c => await RowsAsync(c, null, r => (r.GetString(0), r.GetString(1), r.GetString(2)),
            "SELECT step_id, idempotency_key, reference FROM workflow_writes WHERE instance_id = @i ORDER BY at, idempotency_key", ("i", instanceId)).ConfigureAwait(false), cancellationToken);

    public Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(async c =>
        {
            await using var command = Command(c, null, "SELECT position FROM workflow_cursors WHERE name = @n", ("n", name));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : (long?)null;
        }, cancellationToken);

    public Task SetCursorAsync(string name, long position, CancellationToken cancellationToken = default) =>
        _sql.InTransactionAsync(async (c, tx) =>
        {
            await MoveCursorAsync(c, tx, (name, position)).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<ApprovalRecord?> GetApprovalAsync(string instanceId, string stepId, CancellationToken cancellationToken = default) => _approvals.GetAsync(instanceId, stepId, cancellationToken);

    public Task<ApprovalRecord?> LatestApprovedAsync(string instanceId, CancellationToken cancellationToken = default) => _approvals.LatestApprovedAsync(instanceId, cancellationToken);

    public Task<WorkflowInstance> DecideAsync(string instanceId, bool approve, string by, string? reason, CancellationToken cancellationToken = default) =>
        _approvals.DecideAsync(instanceId, approve, by, reason, cancellationToken);

    public Task<bool> TryClaimAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) => _leases.TryClaimAsync(instanceId, owner, lease, cancellationToken);

    public Task<bool> RenewAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken = default) => _leases.RenewAsync(instanceId, owner, lease, cancellationToken);

    public Task ReleaseAsync(string instanceId, string owner, CancellationToken cancellationToken = default) => _leases.ReleaseAsync(instanceId, owner, cancellationToken);

    public Task<IReadOnlyList<string>> RunnableAsync(CancellationToken cancellationToken = default) => _leases.RunnableAsync(cancellationToken);

    public Task<IReadOnlyList<string>> ClaimableAsync(CancellationToken cancellationToken = default) => _leases.ClaimableAsync(cancellationToken);

    public Task<bool> ReviveAsync(string instanceId, CancellationToken cancellationToken = default) => _leases.ReviveAsync(instanceId, cancellationToken);

    public void Dispose() => _source.Dispose();
}
