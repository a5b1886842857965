using System.Globalization;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The writer's SQL statements on its connection and transaction: each prepared once and cached by its text (the same
/// few run for every row of a load), and a resource's index rows in multi-row INSERTs.
/// </summary>
internal sealed class WriterCommands(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private const int MaxRowsPerInsert = 32;

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    // A resource's rows of one table go in one multi-row INSERT (up to MaxRowsPerInsert), not one statement a row:
    // the same rows in the same order, a fraction of the statements.
    public void InsertIndex(long rid, ResourceIndex index)
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

    public SqliteCommand Command(string sql, params (string Name, object? Value)[] values)
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

    public void Execute(string sql, params (string Name, object? Value)[] values) => Command(sql, values).ExecuteNonQuery();

    public object? Scalar(string sql, params (string Name, object? Value)[] values) => Command(sql, values).ExecuteScalar();

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }
    }
}
