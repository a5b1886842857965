using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>Reading the journal, the writes made and the trigger cursors.</summary>
public sealed partial class WorkflowStore
{
    /// <summary>An instance's journal, oldest first.</summary>
    public Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, instance_id, at, step_id, kind, detail FROM journal WHERE instance_id = $i ORDER BY seq";
        command.Parameters.AddWithValue("$i", instanceId);
        using var reader = command.ExecuteReader();
        var entries = new List<JournalEntry>();
        while (reader.Read())
        {
            entries.Add(new JournalEntry(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5)) as JsonObject));
        }

        return Task.FromResult<IReadOnlyList<JournalEntry>>(entries);
    }

    /// <summary>The FHIR writes an instance made: (step, idempotency key, resource reference).</summary>
    public Task<IReadOnlyList<(string StepId, string Key, string Reference)>> WritesAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT step_id, idempotency_key, reference FROM writes WHERE instance_id = $i ORDER BY at";
        command.Parameters.AddWithValue("$i", instanceId);
        using var reader = command.ExecuteReader();
        var writes = new List<(string, string, string)>();
        while (reader.Read())
        {
            writes.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return Task.FromResult<IReadOnlyList<(string, string, string)>>(writes);
    }

    /// <summary>A trigger's position in its feed, or null when it has none yet.</summary>
    public Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM cursors WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        return Task.FromResult(command.ExecuteScalar() is long position ? position : (long?)null);
    }

    /// <summary>Moves a cursor forward (never back) without creating anything.</summary>
    public Task SetCursorAsync(string name, long position, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            MoveCursor(tx, (name, position));
            return true;
        }, cancellationToken);
}
