using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// Writes a bulk-load chunk of new resources with statements that span the chunk: their <c>resources</c> rows at rids
/// counted on from the table's largest, then each index table's rows of all of them, then their <c>changes</c> rows,
/// each in multi-row INSERTs prepared once and rebound by position (<see cref="RowStatement"/>); the index tables
/// are described once, in <see cref="IndexTable"/>. Every table gets the same rows in the same order as writing
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
        Rows("resources(rid, type, id, version, last_updated, json)", 6, writes.Select((w, i) => (Write: w, Rid: first + i)), static (s, p, r) =>
        {
            s.Bind(p, r.Rid);
            s.Bind(p + 1, r.Write.Resource.TypeName);
            s.Bind(p + 2, r.Write.Resource.Id);
            s.Bind(p + 3, r.Write.Version);
            s.Bind(p + 4, r.Write.LastUpdated);
            s.BindUtf8(p + 5, r.Write.Utf8Json);
        });
        return first;
    }

    /// <summary>The index rows of resources stored at consecutive rids from <paramref name="first"/>, table by table.</summary>
    public void InsertIndexRows(IReadOnlyList<PreparedWrite> writes, long first)
    {
        foreach (var table in IndexTable.All)
            table.Insert(this, writes, first);
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
    internal void Rows<T>(string target, int width, IEnumerable<T> rows, Action<RowStatement, int, T> bind)
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
