namespace ClinicalAgent.Fhir.Storage;

/// <summary>Retention: removing resources past their keeping time (the audit store's old AuditEvents).</summary>
public sealed partial class SqliteFhirStore
{
    /// <summary>
    /// Deletes every <paramref name="type"/> resource last written before <paramref name="before"/>, with its history,
    /// index rows and change-feed rows, in one transaction; returns how many were removed. Only for stores whose
    /// resources nothing refers to (the audit store): no reference check is made.
    /// </summary>
    internal async Task<int> PurgeAsync(string type, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        CheckType(type);
        var cutoff = before.ToUnixTimeMilliseconds();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _writeConnection.BeginTransaction();
            void Run(string sql)
            {
                using var command = _writeConnection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$t", type);
                command.Parameters.AddWithValue("$c", cutoff);
                command.ExecuteNonQuery();
            }

            Run("CREATE TEMP TABLE IF NOT EXISTS purged(rid INTEGER PRIMARY KEY); DELETE FROM purged;");
            Run("INSERT INTO purged(rid) SELECT rid FROM resources WHERE type = $t AND last_updated < $c");
            foreach (var table in StoreSchema.IndexTables.Append("history"))
            {
                Run($"DELETE FROM {table} WHERE rid IN (SELECT rid FROM purged)");
            }

            Run("DELETE FROM changes WHERE type = $t AND last_updated < $c");
            using var count = _writeConnection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = "DELETE FROM resources WHERE rid IN (SELECT rid FROM purged)";
            var removed = count.ExecuteNonQuery();
            transaction.Commit();
            return removed;
        }
        finally
        {
            _writeLock.Release();
        }
    }
}
