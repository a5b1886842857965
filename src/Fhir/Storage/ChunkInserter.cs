using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Writes a bulk-load chunk of new resources with statements that span the chunk: their <c>resources</c> rows at rids
/// counted on from the table's largest, then each index table's rows of all of them, then their <c>changes</c> rows,
/// each in multi-row INSERTs prepared once and rebound by position (<see cref="RowStatement"/>). Every table gets the same rows in the same order as writing
/// resource by resource (each table has its own rowids, so interleaving across tables does not matter), and the rids
/// are the ones SQLite assigns itself (the largest plus one), in a few statements a chunk instead of several a resource.
/// </summary>
internal sealed class ChunkInserter(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    // 128 rows of four values is 640 parameters, far below SQLite's limit; a chunk's remainder goes in halving statements
    // (64, 32, … 1 rows), so each table has at most eight statements prepared.
    private const int MaxRows = 128;

    private readonly Dictionary<(string Target, int Rows), RowStatement> _statements = [];
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
        Rows("resources(rid, type, id, version, last_updated, json)", 6, Each<PreparedWrite>(writes, first, static w => [w]), static (s, p, r) =>
        {
            s.Bind(p, r.Rid);
            s.Bind(p + 1, r.Row.Resource.TypeName);
            s.Bind(p + 2, r.Row.Resource.Id);
            s.Bind(p + 3, r.Row.Version);
            s.Bind(p + 4, r.Row.LastUpdated);
            s.Bind(p + 5, r.Row.Json);
        });
        return first;
    }

    /// <summary>The index rows of resources stored at consecutive rids from <paramref name="first"/>, table by table.</summary>
    public void InsertIndexRows(IReadOnlyList<PreparedWrite> writes, long first)
    {
        Rows("token_idx(pid, code, system, rid)", 4, Each(writes, first, static w => w.Index.Tokens), static (s, p, r) =>
        {
            s.Bind(p, r.Row.ParamId);
            s.Bind(p + 1, r.Row.Code);
            s.Bind(p + 2, r.Row.System);
            s.Bind(p + 3, r.Rid);
        });
        Rows("string_idx(pid, norm, exact, rid)", 4, Each(writes, first, static w => w.Index.Strings), static (s, p, r) =>
        {
            s.Bind(p, r.Row.ParamId);
            s.Bind(p + 1, r.Row.Normalized);
            s.Bind(p + 2, r.Row.Exact);
            s.Bind(p + 3, r.Rid);
        });
        Rows("date_idx(pid, lo, hi, rid)", 4, Each(writes, first, static w => w.Index.Dates), static (s, p, r) =>
        {
            s.Bind(p, r.Row.ParamId);
            s.Bind(p + 1, r.Row.Low);
            s.Bind(p + 2, r.Row.High);
            s.Bind(p + 3, r.Rid);
        });
        Rows("reference_idx(pid, target_type, target_id, rid)", 4, Each(writes, first, static w => w.Index.References), static (s, p, r) =>
        {
            s.Bind(p, r.Row.ParamId);
            s.Bind(p + 1, r.Row.TargetType);
            s.Bind(p + 2, r.Row.TargetId);
            s.Bind(p + 3, r.Rid);
        });
        Rows("number_idx(pid, value, system, code, rid)", 5, Each(writes, first, static w => w.Index.Numbers), static (s, p, r) =>
        {
            s.Bind(p, r.Row.ParamId);
            s.Bind(p + 1, r.Row.Value);
            s.Bind(p + 2, r.Row.System);
            s.Bind(p + 3, r.Row.Code);
            s.Bind(p + 4, r.Rid);
        });
    }

    /// <summary>The change-feed rows, in order.</summary>
    public void InsertChanges(IReadOnlyList<PreparedWrite> writes)
    {
        Rows("changes(type, id, version, last_updated)", 4, writes, static (s, p, w) =>
        {
            s.Bind(p, w.Resource.TypeName);
            s.Bind(p + 1, w.Resource.Id);
            s.Bind(p + 2, w.Version);
            s.Bind(p + 3, w.LastUpdated);
        });
    }

    private static IEnumerable<(T Row, long Rid)> Each<T>(IReadOnlyList<PreparedWrite> writes, long first, Func<PreparedWrite, IReadOnlyList<T>> rows)
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

    /// <summary>
    /// Inserts <paramref name="rows"/> into <paramref name="target"/> (its column list), <paramref name="width"/> values a
    /// row that <paramref name="bind"/> binds from a position on.
    /// </summary>
    private void Rows<T>(string target, int width, IEnumerable<T> rows, Action<RowStatement, int, T> bind)
    {
        var batch = new List<T>(MaxRows);
        foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == MaxRows)
            {
                Execute(target, width, batch, 0, MaxRows, bind);
                batch.Clear();
            }
        }

        var start = 0;
        for (var size = MaxRows / 2; size > 0; size /= 2)
        {
            if (batch.Count - start >= size)
            {
                Execute(target, width, batch, start, size, bind);
                start += size;
            }
        }
    }

    private void Execute<T>(string target, int width, List<T> batch, int start, int count, Action<RowStatement, int, T> bind)
    {
        var statement = Statement(target, width, count);
        for (var r = 0; r < count; r++)
            bind(statement, 1 + (r * width), batch[start + r]);
        statement.Execute();
    }

    private RowStatement Statement(string target, int width, int rows)
    {
        if (_statements.TryGetValue((target, rows), out var statement))
            return statement;

        var values = string.Join(",", Enumerable.Range(0, rows).Select(_ => "(" + string.Join(",", Enumerable.Repeat("?", width)) + ")"));
        statement = new RowStatement(connection, $"INSERT INTO {target} VALUES {values}");
        _statements[(target, rows)] = statement;
        return statement;
    }

    public void Dispose()
    {
        foreach (var statement in _statements.Values)
            statement.Dispose();
        _maxRid?.Dispose();
    }
}
