using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// One prepared SQLite statement on a connection's own handle, its parameters bound by position. Microsoft.Data.Sqlite
/// binds every parameter by name on every execution, and SQLite finds a name by a linear scan of the statement's
/// names, so a multi-row INSERT of hundreds of parameters spends more time binding than inserting; by position it
/// costs nothing. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class RowStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RowStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    /// <summary>Binds the parameter at <paramref name="position"/> (from 1).</summary>
    public void Bind(int position, long value) => Check(raw.sqlite3_bind_int64(_statement, position, value));

    /// <inheritdoc cref="Bind(int, long)"/>
    public void Bind(int position, double value) => Check(raw.sqlite3_bind_double(_statement, position, value));

    /// <inheritdoc cref="Bind(int, long)"/>
    public void Bind(int position, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, position) : raw.sqlite3_bind_text(_statement, position, value));

    /// <summary>Binds UTF-8 text as it is: no string in between (SQLite copies it).</summary>
    public void BindUtf8(int position, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_text(_statement, position, value));

    /// <summary>Runs the statement (an INSERT: no rows come back) and readies it for the next binding.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            throw Failure(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw Failure(result);
        }
    }

    private SqliteException Failure(int result) =>
        new($"SQLite Error {result}: '{raw.sqlite3_errmsg(_db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(_db));
}
