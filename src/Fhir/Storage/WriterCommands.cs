using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The writer's SQL statements on its connection and transaction: each prepared once and cached by its text (the same
/// few run for every row of a load). Index rows go through <see cref="ChunkInserter"/>, one resource or a chunk.
/// </summary>
internal sealed class WriterCommands(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

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
