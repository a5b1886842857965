using System.Globalization;
using System.Net;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Writes resources inside one SQLite transaction: versions, history, index rows. References are checked when
/// the unit ends, so resources written together may refer to each other in any order. Its parts: the preparing that
/// needs no database (<see cref="WritePreparer"/>), the statements (<see cref="WriterCommands"/>, <see cref="ChunkInserter"/>)
/// and the check at the unit's end (<see cref="ReferenceCheck"/>).
/// </summary>
internal sealed class ResourceWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly DateStats _dateStats;
    private readonly WritePreparer _preparer;
    private readonly WriterCommands _commands;
    private readonly ReferenceCheck _check;
    private ChunkInserter? _chunks;
    private bool _indexesDeferred;

    public ResourceWriter(SqliteConnection connection, SqliteTransaction transaction, SearchIndexer indexer, DateStats dateStats, TimeProvider time,
        bool checkReferences = true, bool utf8Json = true, bool lazyReferencePaths = true)
    {
        _connection = connection;
        _transaction = transaction;
        _dateStats = dateStats;
        _preparer = new WritePreparer(indexer, time, utf8Json, lazyReferencePaths);
        _commands = new WriterCommands(connection, transaction);
        _check = new ReferenceCheck(dateStats, checkReferences, Current);
    }

    /// <summary>
    /// Drops the secondary indexes until <see cref="Finish"/> builds them again, for a bulk load into an empty store:
    /// building an index once over sorted rows is cheaper than keeping it up to date row by row. An update (a
    /// resource written twice in the load) needs the by-resource indexes to find its old rows, so it builds them first.
    /// </summary>
    public void DeferIndexes()
    {
        StoreSchema.DropSecondaryIndexes(_connection, _transaction);
        _indexesDeferred = true;
    }

    /// <summary>
    /// Writes prepared resources in order: all new ones with statements spanning them (see <see cref="ChunkInserter"/>);
    /// with an update among them, one by one, as <see cref="Commit"/> does.
    /// </summary>
    public void CommitChunk(IReadOnlyList<PreparedWrite> writes)
    {
        if (writes.Any(w => w.Current is not null))
        {
            foreach (var write in writes)
                Commit(write);
            return;
        }

        Chunks.Insert(writes);
        foreach (var write in writes)
            _check.Track(write);
    }

    /// <summary>Stores <paramref name="resource"/> (its id must be set) as a new version; the resource gets its meta.</summary>
    public FhirWriteResult Write(Resource resource, string? ifMatchVersion = null)
    {
        var current = CheckedCurrent(resource);
        if (ifMatchVersion is not null && current?.Version.ToString(CultureInfo.InvariantCulture) != ifMatchVersion)
        {
            throw FhirGatewayException.Create(HttpStatusCode.PreconditionFailed, OperationOutcome.IssueType.Conflict,
                $"{resource.TypeName}/{resource.Id}: If-Match asked for version {ifMatchVersion} but the current version is {current?.Version.ToString(CultureInfo.InvariantCulture) ?? "none (it does not exist)"}.");
        }

        return Commit(Prepare(resource, current));
    }

    /// <summary>Checks the resource's id and returns its current row, if it has one.</summary>
    public (long Rid, int Version)? CheckedCurrent(Resource resource)
    {
        return Current(resource.TypeName, CheckedId(resource));
    }

    /// <inheritdoc cref="WritePreparer.CheckedId"/>
    public static string CheckedId(Resource resource) => WritePreparer.CheckedId(resource);

    /// <inheritdoc cref="WritePreparer.Prepare"/>
    public PreparedWrite Prepare(Resource resource, (long Rid, int Version)? current) => _preparer.Prepare(resource, current);

    /// <summary>Writes a prepared resource: its row, the previous version into history, its index rows.</summary>
    public FhirWriteResult Commit(PreparedWrite write)
    {
        var resource = write.Resource;
        long rid;
        if (write.Current is { } existing)
        {
            RestoreIndexes();
            rid = existing.Rid;
            _commands.Execute("INSERT INTO history(rid, version, last_updated, json) SELECT rid, version, last_updated, json FROM resources WHERE rid = $rid", ("$rid", rid));
            _commands.Execute("UPDATE resources SET version = $v, last_updated = $u, json = $j WHERE rid = $rid",
                ("$v", write.Version), ("$u", write.LastUpdated), ("$j", Encoding.UTF8.GetString(write.Utf8Json)), ("$rid", rid));
            foreach (var table in StoreSchema.IndexTables)
            {
                _commands.Execute($"DELETE FROM {table} WHERE rid = $rid", ("$rid", rid));
            }
        }
        else
        {
            rid = Convert.ToInt64(_commands.Scalar("INSERT INTO resources(type, id, version, last_updated, json) VALUES($t, $i, $v, $u, $j) RETURNING rid",
                ("$t", resource.TypeName), ("$i", resource.Id), ("$v", write.Version), ("$u", write.LastUpdated), ("$j", Encoding.UTF8.GetString(write.Utf8Json))), CultureInfo.InvariantCulture);
        }

        Chunks.InsertIndexRows([write], rid); // a resource's rows of each table in multi-row INSERTs, as a chunk's
        _commands.Execute("INSERT INTO changes(type, id, version, last_updated) VALUES($t, $i, $v, $u)",
            ("$t", resource.TypeName), ("$i", resource.Id), ("$v", write.Version), ("$u", write.LastUpdated));
        _check.Track(write);
        return new FhirWriteResult(resource, write.Current is null ? FhirWriteOutcome.Created : FhirWriteOutcome.Updated);
    }

    private void RestoreIndexes()
    {
        if (_indexesDeferred)
        {
            StoreSchema.CreateSecondaryIndexes(_connection, _transaction);
            _indexesDeferred = false;
        }
    }

    private ChunkInserter Chunks => _chunks ??= new ChunkInserter(_connection, _transaction);

    /// <summary>Whether the secondary indexes are still dropped (see <see cref="DeferIndexes"/>).</summary>
    public bool IndexesDeferred => _indexesDeferred;

    /// <summary>
    /// Ends the unit before its commit: fails with 422 naming the first reference whose target neither exists nor
    /// was written in this unit, builds the deferred indexes unless <paramref name="buildDeferredIndexes"/> is false
    /// (the caller then builds them after the commit, see <see cref="LoadIndexBuild"/>), and records the widened date
    /// statistics.
    /// </summary>
    public void Finish(bool buildDeferredIndexes = true)
    {
        if (_check.FindDangling() is { } dangling)
        {
            throw ReferenceCheck.Dangling(dangling);
        }

        if (buildDeferredIndexes)
        {
            RestoreIndexes();
        }

        _dateStats.Persist(_connection, _transaction);
    }

    public (long Rid, int Version)? Current(string type, string id)
    {
        using var reader = _commands.Command("SELECT rid, version FROM resources WHERE type = $t AND id = $i", ("$t", type), ("$i", id)).ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    /// <inheritdoc cref="ReferenceCheck.FindDangling"/>
    public (string Source, string Path, string Target)? FindDangling() => _check.FindDangling();

    /// <inheritdoc cref="ReferenceCheck.Dangling"/>
    public static FhirGatewayException Dangling((string Source, string Path, string Target) reference) => ReferenceCheck.Dangling(reference);

    public void Dispose()
    {
        _commands.Dispose();
        _chunks?.Dispose();
    }
}
