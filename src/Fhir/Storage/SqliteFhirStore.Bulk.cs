using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Bulk loading and store-level facts (counts, settings kept with the data).</summary>
public sealed partial class SqliteFhirStore
{
    /// <summary>
    /// Stores many resources as one unit, each at its own id (a new id where it has none), like a transaction of
    /// PUTs: references may point forwards or backwards within the load, and one bad resource or dangling
    /// reference leaves the store as it was. Parsing (the caller's enumeration) and indexing run on all cores, a
    /// few chunks ahead of the single writer. Into an empty store, the secondary indexes are built just after the data's
    /// commit, in a transaction of their own (<see cref="LoadIndexBuild"/>). Returns how many were stored.
    /// </summary>
    public Task<int> LoadAsync(IEnumerable<Resource> resources, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(async () =>
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            int? autoCheckpoint = null;
            try
            {
                StoreSchema.Execute(_writeConnection, null, $"PRAGMA cache_size=-{_options.LoadCacheMiB * 1024};");

                // IMMEDIATE (not deferred): no other process commits until this one does, which the loader's
                // lookups on a connection of their own rely on.
                using var transaction = _writeConnection.BeginTransaction(deferred: false);
                using var writer = new ResourceWriter(_writeConnection, transaction, _indexer, _dateStats, _time, _options.CheckReferences, _options.Utf8Json, _options.LazyReferencePaths);
                if (_options.DeferLoadIndexes && IsEmpty(transaction))
                {
                    writer.DeferIndexes(); // built again at the end of the load, before its commit or just after it
                }

                var stored = new BulkLoader(writer, OpenRead, _options).Load(resources, progress, cancellationToken);
                if (_options.SortOnAllCores)
                {
                    // Building the deferred indexes is a sort per index, once every preparer is done: SQLite's sorter
                    // then runs on helper threads instead of leaving the other cores idle.
                    StoreSchema.Execute(_writeConnection, transaction, $"PRAGMA threads={Environment.ProcessorCount};");
                }

                // Into an empty store, the indexes are built after the data's commit, beside its checkpoint (LoadIndexBuild).
                var indexAfterCommit = writer.IndexesDeferred && _options.IndexAfterCommit;
                writer.Finish(buildDeferredIndexes: !indexAfterCommit);
                if (indexAfterCommit)
                {
                    autoCheckpoint = LoadIndexBuild.SuspendCheckpoints(_writeConnection, transaction);
                }

                transaction.Commit();
                if (autoCheckpoint is { } restored)
                {
                    LoadIndexBuild.Build(_writeConnection, OpenRead, restored, _logger);
                }

                RaiseChanged();
                return stored;
            }
            catch (SqliteException ex) when (StoreBusy.Is(ex))
            {
                throw StoreBusy.Failure(ex);
            }
            finally
            {
                var checkpoints = autoCheckpoint is { } setting ? $" PRAGMA wal_autocheckpoint={setting};" : "";
                StoreSchema.Execute(_writeConnection, null, $"PRAGMA cache_size=-{StoreSchema.CacheMiB * 1024}; PRAGMA threads=0;{checkpoints}");
                _writeLock.Release();
            }
        }, cancellationToken);

    private bool IsEmpty(SqliteTransaction transaction)
    {
        using var command = _writeConnection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT NOT EXISTS(SELECT 1 FROM resources)";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>How many current resources the store holds, by type.</summary>
    public Task<IReadOnlyDictionary<string, long>> CountByTypeAsync(CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, COUNT(*) FROM resources GROUP BY type ORDER BY type";
        using var reader = command.ExecuteReader();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return Task.FromResult<IReadOnlyDictionary<string, long>>(counts);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetDatasetNowAsync(CancellationToken cancellationToken = default)
    {
        var text = await GetSettingAsync(IDatasetClock.NowSetting, cancellationToken).ConfigureAwait(false);
        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var now)
            ? now
            : null;
    }

    /// <summary>A setting kept in the store (e.g. the "now" its synthetic patients were generated for), or null.</summary>
    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        return Task.FromResult(Scalar<string>(connection, "SELECT value FROM store_info WHERE key = $k", ("$k", key)));
    }

    /// <summary>Keeps a setting in the store.</summary>
    public async Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _writeConnection.CreateCommand();
            command.CommandText = "INSERT INTO store_info(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
            command.Parameters.AddWithValue("$k", key);
            command.Parameters.AddWithValue("$v", value);
            command.ExecuteNonQuery();
        }
        catch (SqliteException ex) when (StoreBusy.Is(ex))
        {
            throw StoreBusy.Failure(ex);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Size of the database file, its write-ahead log included.</summary>
    public long DatabaseBytes()
    {
        StoreSchema.Execute(_writeConnection, null, "PRAGMA wal_checkpoint(TRUNCATE);");
        var wal = new FileInfo(DatabasePath + "-wal");
        return new FileInfo(DatabasePath).Length + (wal.Exists ? wal.Length : 0);
    }
}
