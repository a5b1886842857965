using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>The change feed: every created or updated version in commit order, for consumers that must see each once.</summary>
public sealed partial class SqliteFhirStore
{
    /// <summary>
    /// Raised after each committed write in this process, so a consumer can read the feed at once instead of at its
    /// next poll. Handlers run on the writer's thread and must only signal. Writes by other processes raise nothing.
    /// </summary>
    public event EventHandler? Changed;

    /// <summary>
    /// Up to <paramref name="max"/> changes after <paramref name="afterSequence"/>, oldest first. A consumer keeps the
    /// last sequence it handled and asks again from there, so it sees each change once, also across restarts. Every type
    /// is returned whatever <paramref name="types"/> says: the sequence is shared, and a consumer filters.
    /// </summary>
    public Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(
        long afterSequence, int max = 500, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
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
    public Task<long> LatestChangeSequenceAsync(IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        return Task.FromResult(Scalar<long?>(connection, "SELECT MAX(seq) FROM changes") ?? 0);
    }

    private void RaiseChanged()
    {
        try
        {
            Changed?.Invoke(this, EventArgs.Empty);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A consumer's signal must never fail a write that has committed; it still polls.
            LogChangedHandlerFailed(ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A change-feed handler failed: {Error}")]
    private partial void LogChangedHandlerFailed(string error);
}
