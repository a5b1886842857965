using Npgsql;

namespace ClinicalAgent.Workflows.Persistence.Postgres;

/// <summary>
/// Creates the workflow tables and Quartz's job store tables when missing. Idempotent, and serialized across nodes
/// by an advisory lock: two nodes starting at once would otherwise race on PostgreSQL's catalog.
/// </summary>
internal static class PostgresWorkflowSchema
{
    // Any constant shared by every node; chosen once ("workflow" in ASCII).
    private const long SchemaLock = 0x776f726b666c6f77;

    // Times are Unix milliseconds (as in the SQLite store), so both stores map rows the same way. Variables and
    // details are JSON text, kept byte for byte (jsonb would reorder keys).
    private const string WorkflowTables = """
        CREATE TABLE IF NOT EXISTS workflow_instances(id text PRIMARY KEY, workflow text NOT NULL, status text NOT NULL, current_step text,
            variables text NOT NULL, trigger_key text, patient text, created bigint NOT NULL, updated bigint NOT NULL, error text,
            steps_done integer NOT NULL DEFAULT 0, wake_at bigint, owner text, lease_until bigint);
        CREATE UNIQUE INDEX IF NOT EXISTS workflow_instances_by_trigger ON workflow_instances(workflow, trigger_key) WHERE trigger_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS workflow_instances_by_status ON workflow_instances(status, created);
        CREATE TABLE IF NOT EXISTS workflow_journal(seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, instance_id text NOT NULL, at bigint NOT NULL,
            step_id text, kind text NOT NULL, detail text);
        CREATE INDEX IF NOT EXISTS workflow_journal_by_instance ON workflow_journal(instance_id, seq);
        CREATE TABLE IF NOT EXISTS workflow_approvals(seq bigint GENERATED ALWAYS AS IDENTITY, instance_id text NOT NULL, step_id text NOT NULL,
            status text NOT NULL, message text, requested bigint NOT NULL, decided bigint, decided_by text, reason text, PRIMARY KEY(instance_id, step_id));
        CREATE TABLE IF NOT EXISTS workflow_writes(idempotency_key text PRIMARY KEY, instance_id text NOT NULL, step_id text NOT NULL,
            reference text NOT NULL, at bigint NOT NULL);
        CREATE INDEX IF NOT EXISTS workflow_writes_by_instance ON workflow_writes(instance_id, at);
        CREATE TABLE IF NOT EXISTS workflow_cursors(name text PRIMARY KEY, position bigint NOT NULL);
        """;

    public static async Task EnsureAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({SchemaLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(WorkflowTables + QuartzPostgresSchema.Ddl, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
