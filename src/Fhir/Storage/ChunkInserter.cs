using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Writes a bulk-load chunk of new resources with statements that span the chunk: their <c>resources</c> rows at rids
/// counted on from the table's largest, then each index table's rows of all of them, then their <c>changes</c> rows,
/// each in multi-row INSERTs prepared once and rebound. Every table gets the same rows in the same order as writing
/// resource by resource (each table has its own rowids, so interleaving across tables does not matter), and the rids
/// are the ones SQLite assigns itself (the largest plus one), in a few statements a chunk instead of several a resource.
/// </summary>
internal sealed class ChunkInserter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    // 128 rows of four values is 640 parameters, far below SQLite's limit; a chunk's remainder goes in halving statements
    // (64, 32, … 1 rows), so each table has at most eight statements prepared.
    private const int MaxRows = 128;

    private readonly Dictionary<(string Target, int Rows), SqliteCommand> _commands = [];
    private SqliteCommand? _maxRid;

    /// <summary>Inserts every row of <paramref name="writes"/>, all new resources (no current row); returns the first rid.</summary>
    public long Insert(IReadOnlyList<PreparedWrite> writes)
    {
        var first = InsertResources(writes);
        InsertIndexRows(writes, first);
        InsertChanges(writes);
        return first;
    }

    /// <summary>The <c>resources</c> rows of new resources at consecutive rids; returns the first.</summary>
    public long InsertResources(IReadOnlyList<PreparedWrite> writes)
    {
        var first = LargestRid() + 1;
        Rows("resources(rid, type, id, version, last_updated, json)", 6, Enumerable.Range(0, writes.Count), (i, c) => c switch
        {
            0 => first + i,
            1 => writes[i].Resource.TypeName,
            2 => writes[i].Resource.Id,
            3 => writes[i].Version,
            4 => writes[i].LastUpdated,
            _ => writes[i].Json,
        });
        return first;
    }

    /// <summary>The index rows of resources stored at consecutive rids from <paramref name="first"/>, table by table.</summary>
    public void InsertIndexRows(IReadOnlyList<PreparedWrite> writes, long first)
    {
        Rows("token_idx(pid, code, system, rid)", 4, Each(writes, first, w => w.Index.Tokens), static (r, c) => c switch { 0 => r.Row.ParamId, 1 => r.Row.Code, 2 => r.Row.System, _ => r.Rid });
        Rows("string_idx(pid, norm, exact, rid)", 4, Each(writes, first, w => w.Index.Strings), static (r, c) => c switch { 0 => r.Row.ParamId, 1 => r.Row.Normalized, 2 => r.Row.Exact, _ => r.Rid });
        Rows("date_idx(pid, lo, hi, rid)", 4, Each(writes, first, w => w.Index.Dates), static (r, c) => c switch { 0 => r.Row.ParamId, 1 => r.Row.Low, 2 => r.Row.High, _ => r.Rid });
        Rows("reference_idx(pid, target_type, target_id, rid)", 4, Each(writes, first, w => w.Index.References), static (r, c) => c switch { 0 => r.Row.ParamId, 1 => r.Row.TargetType, 2 => r.Row.TargetId, _ => r.Rid });
        Rows("number_idx(pid, value, system, code, rid)", 5, Each(writes, first, w => w.Index.Numbers), static (r, c) => c switch { 0 => r.Row.ParamId, 1 => r.Row.Value, 2 => r.Row.System, 3 => r.Row.Code, _ => r.Rid });
    }

    /// <summary>The change-feed rows, in order.</summary>
    public void InsertChanges(IReadOnlyList<PreparedWrite> writes)
    {
        Rows("changes(type, id, version, last_updated)", 4, writes, static (w, c) => c switch
        {
            0 => w.Resource.TypeName,
            1 => w.Resource.Id,
            2 => w.Version,
            _ => w.LastUpdated,
        });
    }

    private static IEnumerable<(T Row, long Rid)> Each<T>(IReadOnlyList<PreparedWrite> writes, long first, Func<PreparedWrite, List<T>> rows)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            foreach (var row in rows(writes[i]))
                yield return (row, first + i);
        }
    }

    private long LargestRid()
    {
        if (_maxRid is null)
        {
            _maxRid = connection.CreateCommand();
            _maxRid.Transaction = transaction;
            _maxRid.CommandText = "SELECT COALESCE(MAX(rid), 0) FROM resources";
            _maxRid.Prepare();
        }

        return Convert.ToInt64(_maxRid.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Inserts <paramref name="rows"/> into <paramref name="target"/> (its column list), <paramref name="width"/> values a row.</summary>
    private void Rows<T>(string target, int width, IEnumerable<T> rows, Func<T, int, object?> value)
    {
        var batch = new List<T>(MaxRows);
        foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == MaxRows)
            {
                Execute(target, width, batch, 0, MaxRows, value);
                batch.Clear();
            }
        }

        var start = 0;
        for (var size = MaxRows / 2; size > 0; size /= 2)
        {
            if (batch.Count - start >= size)
            {
                Execute(target, width, batch, start, size, value);
                start += size;
            }
        }
    }

    private void Execute<T>(string target, int width, List<T> batch, int start, int count, Func<T, int, object?> value)
    {
        var command = Command(target, width, count);
        var parameters = command.Parameters;
        for (var r = 0; r < count; r++)
        {
            for (var c = 0; c < width; c++)
                parameters[(r * width) + c].Value = value(batch[start + r], c) ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string target, int width, int rows)
    {
        if (_commands.TryGetValue((target, rows), out var command))
            return command;

        var values = string.Join(",", Enumerable.Range(0, rows).Select(r =>
            "(" + string.Join(",", Enumerable.Range(0, width).Select(c => "$v" + ((r * width) + c).ToString(CultureInfo.InvariantCulture))) + ")"));
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {target} VALUES {values}";
        for (var i = 0; i < rows * width; i++)
            command.Parameters.Add(new SqliteParameter { ParameterName = "$v" + i.ToString(CultureInfo.InvariantCulture) });
        command.Prepare();
        _commands[(target, rows)] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
            command.Dispose();
        _maxRid?.Dispose();
    }
}
