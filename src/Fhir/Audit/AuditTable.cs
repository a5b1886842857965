using ClinicalAgent.Fhir.Storage;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// The audit store's one table: a row per access with the record's fields as columns, so writing an event is a single
/// insert (no FHIR JSON, no index rows). Searches read the few searched columns (<see cref="AuditSearch"/>); the file is
/// created owner-only (0600). A trail written by the earlier format (a FHIR store of AuditEvents) is moved into the
/// table on first open (<see cref="LegacyAuditImport"/>).
/// </summary>
internal sealed class AuditTable : IDisposable
{
    internal const string Columns =
        "id, recorded, offset_minutes, observer, kind, subtype, action, outcome, outcome_detail, actor_person, actor_reference, " +
        "actor_identifier_system, actor_identifier, client_id, patient_id, resources, query, workflow, workflow_instance";

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS audit_event(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            recorded INTEGER NOT NULL,
            offset_minutes INTEGER NOT NULL,
            observer TEXT NOT NULL,
            kind INTEGER NOT NULL,
            subtype TEXT NOT NULL,
            action INTEGER NOT NULL,
            outcome INTEGER NOT NULL,
            outcome_detail TEXT,
            actor_person INTEGER,
            actor_reference TEXT,
            actor_identifier_system TEXT,
            actor_identifier TEXT,
            client_id TEXT,
            patient_id TEXT,
            resources TEXT NOT NULL,
            query TEXT,
            workflow TEXT,
            workflow_instance TEXT);
        CREATE INDEX IF NOT EXISTS audit_by_recorded ON audit_event(recorded);
        CREATE INDEX IF NOT EXISTS audit_by_patient ON audit_event(patient_id, recorded);
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public AuditTable(string path)
    {
        OwnerOnlyFiles.CreateFile(path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            using var transaction = _connection.BeginTransaction();
            Execute(Ddl, transaction);
            LegacyAuditImport.MoveIntoTable(_connection, transaction, this);
            transaction.Commit();
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>Inserts the events in one transaction; returns how many.</summary>
    public async Task<int> InsertAsync(IReadOnlyList<StoredAuditEvent> events, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = _connection.BeginTransaction();
            Insert(events, transaction);
            transaction.Commit();
            return events.Count;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Deletes the events recorded before <paramref name="cutoff"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "DELETE FROM audit_event WHERE recorded < $cutoff";
            command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Runs a query the search built, under the table's lock.</summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return read(_connection);
        }
        finally
        {
            _lock.Release();
        }
    }

    internal void Insert(IEnumerable<StoredAuditEvent> events, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        var names = Columns.Split(", ");
        command.CommandText = $"INSERT INTO audit_event({Columns}) VALUES({string.Join(", ", names.Select(n => "$" + n))})";
        var parameters = names.ToDictionary(n => n, n => command.Parameters.Add("$" + n, SqliteType.Text));
        command.Prepare();
        foreach (var stored in events)
        {
            var record = stored.Record;
            object? Db(object? value) => value ?? DBNull.Value;
            parameters["id"].Value = stored.Id;
            parameters["recorded"].Value = record.Recorded.ToUnixTimeMilliseconds();
            parameters["offset_minutes"].Value = (int)record.Recorded.Offset.TotalMinutes;
            parameters["observer"].Value = stored.Observer;
            parameters["kind"].Value = (int)record.Kind;
            parameters["subtype"].Value = record.Subtype;
            parameters["action"].Value = (int)record.Action;
            parameters["outcome"].Value = (int)record.Outcome;
            parameters["outcome_detail"].Value = Db(record.OutcomeDetail);
            parameters["actor_person"].Value = Db(record.Actor is null ? null : record.Actor.IsPerson ? 1 : 0);
            parameters["actor_reference"].Value = Db(record.Actor?.Reference);
            parameters["actor_identifier_system"].Value = Db(record.Actor?.IdentifierSystem);
            parameters["actor_identifier"].Value = Db(record.Actor?.Identifier);
            parameters["client_id"].Value = Db(record.ClientId);
            parameters["patient_id"].Value = Db(record.PatientId);
            parameters["resources"].Value = AuditRows.JoinResources(record.Resources);
            parameters["query"].Value = Db(record.Query);
            parameters["workflow"].Value = Db(record.WorkflowInstance?.Workflow);
            parameters["workflow_instance"].Value = Db(record.WorkflowInstance?.InstanceId);
            command.ExecuteNonQuery();
        }
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _lock.Dispose();
    }
}
