using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>The SQL plumbing: one serialized write connection, pooled read connections, row mapping.</summary>
public sealed partial class WorkflowStore
{
    private async Task<T> InTransactionAsync<T>(Func<SqliteTransaction, T> body, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _write.BeginTransaction();
            var result = body(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _lock.Release();
        }
    }

    private SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void AddJournal(SqliteTransaction tx, string instanceId, string? stepId, string kind, JsonObject? detail) =>
        Run(tx, "INSERT INTO journal(instance_id, at, step_id, kind, detail) VALUES($i, $at, $s, $k, $d)",
            ("$i", instanceId), ("$at", Now), ("$s", stepId), ("$k", kind), ("$d", detail?.ToJsonString()));

    private void MoveCursor(SqliteTransaction tx, (string Name, long Position)? cursor)
    {
        if (cursor is { } c)
        {
            Run(tx, "INSERT INTO cursors(name, position) VALUES($n, $p) ON CONFLICT(name) DO UPDATE SET position = MAX(position, excluded.position)",
                ("$n", c.Name), ("$p", c.Position));
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private int Run(SqliteTransaction tx, string sql, params (string Name, object? Value)[] values)
    {
        using var command = Command(_write, tx, sql, values);
        return command.ExecuteNonQuery();
    }

    private List<WorkflowInstance> Query(SqliteTransaction tx, string sql, params (string Name, object? Value)[] values) =>
        Query(_write, tx, sql, values);

    private static List<WorkflowInstance> Query(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] values)
    {
        using var command = Command(connection, tx, sql, values);
        using var reader = command.ExecuteReader();
        var rows = new List<WorkflowInstance>();
        while (reader.Read())
        {
            rows.Add(new WorkflowInstance(
                Id: reader.GetString(reader.GetOrdinal("id")),
                Workflow: reader.GetString(reader.GetOrdinal("workflow")),
                Status: Enum.Parse<InstanceStatus>(reader.GetString(reader.GetOrdinal("status"))),
                CurrentStep: Text(reader, "current_step"),
                Variables: (JsonObject)JsonNode.Parse(reader.GetString(reader.GetOrdinal("variables")))!,
                TriggerKey: Text(reader, "trigger_key"),
                PatientId: Text(reader, "patient"),
                Created: Time(reader, "created")!.Value,
                Updated: Time(reader, "updated")!.Value,
                Error: Text(reader, "error"),
                StepsDone: reader.GetInt32(reader.GetOrdinal("steps_done")),
                WakeAt: Time(reader, "wake_at")));
        }

        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, (string Name, object? Value)[] values)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static string? Text(SqliteDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : reader.GetString(i);
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, string column)
    {
        var i = reader.GetOrdinal(column);
        return reader.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i));
    }
}
