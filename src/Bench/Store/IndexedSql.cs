using System.Collections.Frozen;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Bench.Store;

/// <summary>
/// The SQL the store runs for a search, built with the store's own (internal) parser and SQL builder, so its plan
/// can be shown and its time measured apart from the Bundle and Firely parsing around it.
/// </summary>
public sealed class IndexedSql : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly ParamIds _ids;
    private readonly DateStats _dateStats = new();
    private readonly SearchParser _parser;

    public IndexedSql(string databasePath, int pageSize)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        _connection.Open();
        _ids = ReadParamIds(_connection);
        _dateStats.Load(_connection);
        _parser = new SearchParser(SearchParameterRegistry.Default, pageSize, 1000);
    }

    /// <summary>EXPLAIN QUERY PLAN of the search, one line per step, indented under its parent.</summary>
    public IReadOnlyList<string> Explain(BenchQuery query)
    {
        using var command = Command(query, explain: true);
        using var reader = command.ExecuteReader();
        var depth = new Dictionary<long, int>();
        var lines = new List<string>();
        while (reader.Read())
        {
            var (id, parent, detail) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetString(3));
            depth[id] = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
            lines.Add(new string(' ', 2 * depth[id]) + detail);
        }

        return lines;
    }

    /// <summary>The SELECT itself, readable, with parameter values in a trailing comment.</summary>
    public string Text(BenchQuery query)
    {
        using var command = Command(query, explain: false);
        var values = string.Join(", ", command.Parameters.Cast<SqliteParameter>().Select(p => $"{p.ParameterName}={p.Value}"));
        return command.CommandText + "\n-- " + values;
    }

    /// <summary>Runs the search's SQL and reads every column of every row; returns the row count.</summary>
    public int Execute(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = 0;
        while (reader.Read())
        {
            _ = reader.GetString(3);
            rows++;
        }

        return rows;
    }

    /// <summary>The command for a search, prepared outside any timing.</summary>
    public SqliteCommand Command(BenchQuery query, bool explain = false)
    {
        var search = _parser.Parse(query.ResourceType, query.Search);
        var sql = new SearchSqlBuilder(_ids, TimeProvider.System, _dateStats).Build(search, CountUpTo);
        var command = _connection.CreateCommand();
        // The same statement SearchExecutor.Execute runs for a page (one row more, to know if there is a next page).
        command.CommandText = (explain ? "EXPLAIN QUERY PLAN " : "")
            + $"SELECT r.rid, r.type, r.id, r.json FROM resources r WHERE {sql.Where} ORDER BY {sql.OrderBy} LIMIT {search.Count + 1} OFFSET {search.Offset}";
        foreach (var (name, value) in sql.Parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public void Dispose() => _connection.Dispose();

    // The store's own choice between drivers counts their rows up to a bound; do the same here.
    private long CountUpTo(string sql, IReadOnlyList<KeyValuePair<string, object?>> parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ParamIds ReadParamIds(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT pid, resource_type, name FROM search_params";
        using var reader = command.ExecuteReader();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            ids[ParamIds.Key(reader.GetString(1), reader.GetString(2))] = reader.GetInt32(0);
        }

        return new ParamIds(ids.ToFrozenDictionary());
    }
}
