using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Writes resources inside one SQLite transaction: versions, history, index rows. References are checked when
/// the unit ends, so resources written together may refer to each other in any order.
/// </summary>
internal sealed partial class ResourceWriter(SqliteConnection connection, SqliteTransaction transaction, SearchIndexer indexer, DateStats dateStats, TimeProvider time,
    bool checkReferences = true)
    : IDisposable
{
    // Commands are cached by text: the same few statements run for every row of a bulk load.
    private const int MaxRowsPerInsert = 32;

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);
    private readonly List<(string Source, string Path, string Type, string Id)> _references = [];
    private ChunkInserter? _chunks;
    private bool _indexesDeferred;

    /// <summary>
    /// Drops the secondary indexes until <see cref="Finish"/> builds them again, for a bulk load into an empty store:
    /// building an index once over sorted rows is cheaper than keeping it up to date row by row. An update (a
    /// resource written twice in the load) needs the by-resource indexes to find its old rows, so it builds them first.
    /// </summary>
    public void DeferIndexes()
    {
        StoreSchema.DropSecondaryIndexes(connection, transaction);
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

        (_chunks ??= new ChunkInserter(connection, transaction)).Insert(writes);
        foreach (var write in writes)
            Track(write);
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

    /// <summary>The resource's id; fails with 400 unless it is a valid FHIR id.</summary>
    public static string CheckedId(Resource resource)
    {
        if (string.IsNullOrEmpty(resource.Id) || !IdPattern().IsMatch(resource.Id))
        {
            throw FhirGatewayException.BadRequest($"{resource.TypeName} id '{resource.Id}' is not a valid FHIR id (1–64 of A-Z a-z 0-9 - .).", $"{resource.TypeName}.id");
        }

        return resource.Id;
    }

    /// <summary>
    /// Everything of a write that needs no database: meta, JSON, index rows, references. Thread-safe, so a bulk
    /// load prepares on all cores and commits in order.
    /// </summary>
    public PreparedWrite Prepare(Resource resource, (long Rid, int Version)? current)
    {
        ReferenceSyntax.Check(resource);
        var version = (current?.Version ?? 0) + 1;
        var now = time.GetUtcNow();
        var stamp = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = stamp;
        var json = FhirJson.Serialize(resource);
        var key = resource.TypeName + "/" + resource.Id;
        var references = new List<(string Path, string Type, string Id)>();
        foreach (var (path, reference) in ReferenceScanner.Scan(resource.TypeName, json))
        {
            if (!reference.Contains("://", StringComparison.Ordinal) && ReferenceText.TryParseLocal(reference, out var targetType, out var targetId))
            {
                references.Add((path, targetType, targetId));
            }
            else if (reference.StartsWith("urn:", StringComparison.Ordinal) || reference.Contains('?', StringComparison.Ordinal))
            {
                throw FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Processing,
                    $"{key}: {path} refers to '{reference}', which does not resolve to a stored resource.", path);
            }
        }

        return new PreparedWrite(resource, current, version, stamp.ToUnixTimeMilliseconds(), json, indexer.Index(resource), references);
    }

    /// <summary>Writes a prepared resource: its row, the previous version into history, its index rows.</summary>
    public FhirWriteResult Commit(PreparedWrite write)
    {
        var resource = write.Resource;
        long rid;
        if (write.Current is { } existing)
        {
            RestoreIndexes();
            rid = existing.Rid;
            Execute("INSERT INTO history(rid, version, last_updated, json) SELECT rid, version, last_updated, json FROM resources WHERE rid = $rid", ("$rid", rid));
            Execute("UPDATE resources SET version = $v, last_updated = $u, json = $j WHERE rid = $rid",
                ("$v", write.Version), ("$u", write.LastUpdated), ("$j", write.Json), ("$rid", rid));
            foreach (var table in StoreSchema.IndexTables)
            {
                Execute($"DELETE FROM {table} WHERE rid = $rid", ("$rid", rid));
            }
        }
        else
        {
            rid = Convert.ToInt64(Scalar("INSERT INTO resources(type, id, version, last_updated, json) VALUES($t, $i, $v, $u, $j) RETURNING rid",
                ("$t", resource.TypeName), ("$i", resource.Id), ("$v", write.Version), ("$u", write.LastUpdated), ("$j", write.Json)), CultureInfo.InvariantCulture);
        }

        InsertIndex(rid, write.Index);
        Execute("INSERT INTO changes(type, id, version, last_updated) VALUES($t, $i, $v, $u)",
            ("$t", resource.TypeName), ("$i", resource.Id), ("$v", write.Version), ("$u", write.LastUpdated));
        Track(write);
        return new FhirWriteResult(resource, write.Current is null ? FhirWriteOutcome.Created : FhirWriteOutcome.Updated);
    }

    // What the unit's end needs of a written resource: its dates for the statistics, its key and references for the check.
    private void Track(PreparedWrite write)
    {
        var resource = write.Resource;
        dateStats.Observe(write.Index.Dates);
        var key = resource.TypeName + "/" + resource.Id;
        _written.Add(key);
        foreach (var (path, type, id) in checkReferences ? write.References : [])
        {
            _references.Add((key, path, type, id));
        }
    }

    private void RestoreIndexes()
    {
        if (_indexesDeferred)
        {
            StoreSchema.CreateSecondaryIndexes(connection, transaction);
            _indexesDeferred = false;
        }
    }

    /// <summary>
    /// Ends the unit before its commit: fails with 422 naming the first reference whose target neither exists nor
    /// was written in this unit, and records the widened date statistics.
    /// </summary>
    public void Finish()
    {
        if (FindDangling() is { } dangling)
        {
            throw Dangling(dangling);
        }

        RestoreIndexes();
        dateStats.Persist(connection, transaction);
    }

    /// <summary>The first reference whose target neither exists nor was written in this unit, or null.</summary>
    public (string Source, string Path, string Target)? FindDangling()
    {
        var known = new HashSet<string>(_written, StringComparer.Ordinal);
        foreach (var (source, path, type, id) in _references)
        {
            var key = type + "/" + id;
            if (known.Contains(key))
            {
                continue;
            }

            if (Current(type, id) is null)
            {
                return (source, path, key);
            }

            known.Add(key);
        }

        _references.Clear();
        return null;
    }

    public static FhirGatewayException Dangling((string Source, string Path, string Target) reference) =>
        FhirGatewayException.Create(HttpStatusCode.UnprocessableEntity, OperationOutcome.IssueType.Processing,
            $"{reference.Source}: {reference.Path} refers to {reference.Target}, which does not exist.", reference.Path);

    public (long Rid, int Version)? Current(string type, string id)
    {
        using var reader = Command("SELECT rid, version FROM resources WHERE type = $t AND id = $i", ("$t", type), ("$i", id)).ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt32(1)) : null;
    }

    // A resource's rows of one table go in one multi-row INSERT (up to MaxRowsPerInsert), not one statement a row:
    // the same rows in the same order, a fraction of the statements.
    private void InsertIndex(long rid, ResourceIndex index)
    {
        InsertRows("token_idx(pid, code, system, rid)", 3, rid, index.Tokens, static (row, c) => c switch { 0 => row.ParamId, 1 => row.Code, _ => row.System });
        InsertRows("string_idx(pid, norm, exact, rid)", 3, rid, index.Strings, static (row, c) => c switch { 0 => row.ParamId, 1 => row.Normalized, _ => row.Exact });
        InsertRows("date_idx(pid, lo, hi, rid)", 3, rid, index.Dates, static (row, c) => c switch { 0 => row.ParamId, 1 => row.Low, _ => row.High });
        InsertRows("reference_idx(pid, target_type, target_id, rid)", 3, rid, index.References, static (row, c) => c switch { 0 => row.ParamId, 1 => row.TargetType, _ => row.TargetId });
        InsertRows("number_idx(pid, value, system, code, rid)", 4, rid, index.Numbers, static (row, c) => c switch { 0 => row.ParamId, 1 => row.Value, 2 => row.System, _ => row.Code });
    }

    /// <summary>Inserts <paramref name="rows"/> into <paramref name="target"/>, whose last column is the rid, the others <paramref name="width"/> values a row.</summary>
    private void InsertRows<T>(string target, int width, long rid, List<T> rows, Func<T, int, object?> value)
    {
        for (var start = 0; start < rows.Count; start += MaxRowsPerInsert)
        {
            var count = Math.Min(MaxRowsPerInsert, rows.Count - start);
            var command = RowsCommand(target, width, count);
            var parameters = command.Parameters;
            parameters[0].Value = rid;
            for (var r = 0; r < count; r++)
            {
                for (var c = 0; c < width; c++)
                {
                    parameters[1 + (r * width) + c].Value = value(rows[start + r], c) ?? DBNull.Value;
                }
            }

            command.ExecuteNonQuery();
        }
    }

    private SqliteCommand RowsCommand(string target, int width, int count)
    {
        var key = target + "#" + count.ToString(CultureInfo.InvariantCulture);
        if (_prepared.TryGetValue(key, out var command))
        {
            return command;
        }

        var values = string.Join(",", Enumerable.Range(0, count).Select(r =>
            "(" + string.Concat(Enumerable.Range(0, width).Select(c => $"$v{(r * width) + c},")) + "$rid)"));
        command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO {target} VALUES {values}";
        command.Transaction = transaction;
        command.Parameters.Add(new SqliteParameter { ParameterName = "$rid" });
        for (var i = 0; i < count * width; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$v" + i.ToString(CultureInfo.InvariantCulture) });
        }

        command.Prepare();
        _prepared[key] = command;
        return command;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] values)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var (name, _) in values)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _prepared[sql] = command;
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i].Value ?? DBNull.Value;
        }

        return command;
    }

    private void Execute(string sql, params (string Name, object? Value)[] values) => Command(sql, values).ExecuteNonQuery();

    private object? Scalar(string sql, params (string Name, object? Value)[] values) => Command(sql, values).ExecuteScalar();

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _chunks?.Dispose();
    }

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$")]
    private static partial Regex IdPattern();
}
