namespace ClinicalAgent.Fhir.Storage;

/// <summary>The change feed: every created or updated version in commit order, for consumers that must see each once.</summary>
public sealed partial class SqliteFhirStore
{
    /// <summary>
    /// Up to <paramref name="max"/> changes after <paramref name="afterSequence"/>, oldest first. A consumer keeps the
    /// last sequence it handled and asks again from there, so it sees each change once, also across restarts.
    /// </summary>
    public Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(long afterSequence, int max = 500, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, type, id, version, last_updated FROM changes WHERE seq > $after ORDER BY seq LIMIT $max";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$max", max);
        var changes = new List<ResourceChange>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            changes.Add(new ResourceChange(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))));
        }

        return Task.FromResult<IReadOnlyList<ResourceChange>>(changes);
    }

    /// <summary>The sequence of the newest change, or 0 when there is none: where a new consumer starts.</summary>
    public Task<long> LatestChangeSequenceAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        return Task.FromResult(Scalar<long?>(connection, "SELECT MAX(seq) FROM changes") ?? 0);
    }
}
