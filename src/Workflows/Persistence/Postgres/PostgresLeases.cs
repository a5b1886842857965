using static ClinicalAgent.Workflows.Persistence.Postgres.PostgresSql;

namespace ClinicalAgent.Workflows.Persistence.Postgres;

/// <summary>
/// Leases in PostgreSQL. Nodes may be on other machines, so a claim holds until released or until its lease runs
/// out; a live runner renews it well before that. Each decision is one conditional UPDATE, so two nodes claiming one
/// instance at once serialize on its row and exactly one wins.
/// </summary>
internal sealed class PostgresLeases(PostgresSql sql, Func<long> now)
{
    private const string Free = "(owner IS NULL OR lease_until IS NULL OR lease_until <= @now)";

    public Task<bool> TryClaimAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        var at = now();
        return sql.InTransactionAsync(async (c, tx) => await RunAsync(c, tx,
            $"UPDATE workflow_instances SET owner = @o, lease_until = @u WHERE id = @id AND status = @r AND (owner = @o OR {Free})",
            ("o", owner), ("u", at + (long)lease.TotalMilliseconds), ("id", instanceId), ("r", nameof(InstanceStatus.Running)), ("now", at)).ConfigureAwait(false) == 1,
            cancellationToken);
    }

    public Task<bool> RenewAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken) =>
        sql.InTransactionAsync(async (c, tx) => await RunAsync(c, tx, "UPDATE workflow_instances SET lease_until = @u WHERE id = @id AND owner = @o",
            ("u", now() + (long)lease.TotalMilliseconds), ("id", instanceId), ("o", owner)).ConfigureAwait(false) == 1, cancellationToken);

    public Task ReleaseAsync(string instanceId, string owner, CancellationToken cancellationToken) =>
        sql.InTransactionAsync((c, tx) => RunAsync(c, tx, "UPDATE workflow_instances SET owner = NULL, lease_until = NULL WHERE id = @id AND owner = @o",
            ("id", instanceId), ("o", owner)), cancellationToken);

    public Task<IReadOnlyList<string>> RunnableAsync(CancellationToken cancellationToken) =>
        sql.ReadAsync<IReadOnlyList<string>>(async c => await RowsAsync(c, null, r => r.GetString(0),
            "SELECT id FROM workflow_instances WHERE status = @s ORDER BY created, id", ("s", nameof(InstanceStatus.Running))).ConfigureAwait(false), cancellationToken);

    public Task<IReadOnlyList<string>> ClaimableAsync(CancellationToken cancellationToken) =>
        sql.ReadAsync<IReadOnlyList<string>>(async c => await RowsAsync(c, null, r => r.GetString(0),
            $"SELECT id FROM workflow_instances WHERE status = @s AND {Free} ORDER BY created, id", ("s", nameof(InstanceStatus.Running)), ("now", now())).ConfigureAwait(false),
            cancellationToken);

    public Task<bool> ReviveAsync(string instanceId, CancellationToken cancellationToken) =>
        sql.InTransactionAsync(async (c, tx) =>
        {
            var at = now();
            var changed = await RunAsync(c, tx, "UPDATE workflow_instances SET status = @r, error = NULL, updated = @now WHERE id = @id AND status = @f",
                ("r", nameof(InstanceStatus.Running)), ("now", at), ("id", instanceId), ("f", nameof(InstanceStatus.Failed))).ConfigureAwait(false);
            if (changed == 1)
            {
                await AddJournalAsync(c, tx, at, instanceId, null, "resumed", null).ConfigureAwait(false);
            }

            return changed == 1;
        }, cancellationToken);
}
