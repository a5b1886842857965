using System.Runtime.ExceptionServices;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Bulk loading and store-level facts (counts, settings kept with the data).</summary>
public sealed partial class SqliteFhirStore
{
    private const int LoadChunk = 512;

    /// <summary>
    /// Stores many resources as one unit, each at its own id (a new id where it has none), like a transaction of
    /// PUTs: references may point forwards or backwards within the load, and one bad resource or dangling
    /// reference leaves the store as it was. Indexing runs on all cores. Returns how many were stored.
    /// </summary>
    public Task<int> LoadAsync(IEnumerable<Resource> resources, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        Task.Run(async () =>
        {
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                using var transaction = _writeConnection.BeginTransaction();
                using var writer = new ResourceWriter(_writeConnection, transaction, _indexer, _dateStats, _time, _options.CheckReferences);
                var stored = 0;
                foreach (var chunk in resources.Chunk(LoadChunk))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var resource in chunk)
                    {
                        resource.Id ??= NewId();
                    }

                    // The same resource twice in one chunk must be versioned in order, so such a chunk goes one by one.
                    if (chunk.DistinctBy(r => (r.TypeName, r.Id)).Count() < chunk.Length)
                    {
                        foreach (var resource in chunk)
                        {
                            writer.Write(resource);
                        }
                    }
                    else
                    {
                        var current = chunk.Select(writer.CheckedCurrent).ToArray();
                        var prepared = new PreparedWrite[chunk.Length];
                        try
                        {
                            Parallel.For(0, chunk.Length, i => prepared[i] = writer.Prepare(chunk[i], current[i]));
                        }
                        catch (AggregateException ex) when (ex.InnerExceptions.OfType<FhirGatewayException>().FirstOrDefault() is { } first)
                        {
                            ExceptionDispatchInfo.Throw(first);
                        }

                        foreach (var write in prepared)
                        {
                            writer.Commit(write);
                        }
                    }

                    stored += chunk.Length;
                    progress?.Report(stored);
                }

                writer.Finish();
                transaction.Commit();
                RaiseChanged();
                return stored;
            }
            catch (SqliteException ex) when (StoreBusy.Is(ex))
            {
                throw StoreBusy.Failure(ex);
            }
            finally
            {
                _writeLock.Release();
            }
        }, cancellationToken);

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
