using System.Text.Json.Nodes;
using Npgsql;

namespace ClinicalAgent.Workflows.Persistence.Postgres;

/// <summary>The SQL plumbing of the PostgreSQL store: transactions on pooled connections, commands, row mapping.</summary>
internal sealed class PostgresSql(NpgsqlDataSource source)
{
    public const string InstanceColumns = "id, workflow, status, current_step, variables, trigger_key, patient, created, updated, error, steps_done, wake_at";

    public const string ApprovalColumns = "instance_id, step_id, status, message, requested, decided, decided_by, reason";

    // Read committed: every statement that decides something (claims, decisions, keyed inserts) carries its own
    // condition or row lock, so two nodes racing for one row serialize on that row.
    public async Task<T> InTransactionAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var result = await body(connection, transaction).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await body(connection).ConfigureAwait(false);
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] values)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static async Task<int> RunAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] values)
    {
        await using var command = Command(connection, tx, sql, values);
        return await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    public static async Task<List<T>> RowsAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? tx, Func<NpgsqlDataReader, T> map, string sql, params (string Name, object? Value)[] values)
    {
        await using var command = Command(connection, tx, sql, values);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static Task<List<WorkflowInstance>> InstancesAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string where, params (string Name, object? Value)[] values) =>
        RowsAsync(connection, tx, ReadInstance, $"SELECT {InstanceColumns} FROM workflow_instances {where}", values);

    public static Task AddJournalAsync(NpgsqlConnection connection, NpgsqlTransaction tx, long now, string instanceId, string? stepId, string kind, JsonObject? detail) =>
        RunAsync(connection, tx, "INSERT INTO workflow_journal(instance_id, at, step_id, kind, detail) VALUES(@i, @at, @s, @k, @d)",
            ("i", instanceId), ("at", now), ("s", stepId), ("k", kind), ("d", detail?.ToJsonString()));

    public static async Task MoveCursorAsync(NpgsqlConnection connection, NpgsqlTransaction tx, (string Name, long Position)? cursor)
    {
        if (cursor is { } c)
        {
            await RunAsync(connection, tx, """
                INSERT INTO workflow_cursors(name, position) VALUES(@n, @p)
                ON CONFLICT(name) DO UPDATE SET position = GREATEST(workflow_cursors.position, excluded.position)
                """, ("n", c.Name), ("p", c.Position)).ConfigureAwait(false);
        }
    }

    public static WorkflowInstance ReadInstance(NpgsqlDataReader reader) => new(
        Id: reader.GetString(0),
        Workflow: reader.GetString(1),
        Status: Enum.Parse<InstanceStatus>(reader.GetString(2)),
        CurrentStep: Text(reader, 3),
        Variables: (JsonObject)JsonNode.Parse(reader.GetString(4))!,
        TriggerKey: Text(reader, 5),
        PatientId: Text(reader, 6),
        Created: Time(reader, 7)!.Value,
        Updated: Time(reader, 8)!.Value,
        Error: Text(reader, 9),
        StepsDone: reader.GetInt32(10),
        WakeAt: Time(reader, 11));

    public static ApprovalRecord ReadApproval(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), Time(reader, 4)!.Value, Time(reader, 5), Text(reader, 6), Text(reader, 7));

    public static JournalEntry ReadJournal(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), Time(reader, 2)!.Value, Text(reader, 3), reader.GetString(4),
        Text(reader, 5) is { } detail ? JsonNode.Parse(detail) as JsonObject : null);

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
}
