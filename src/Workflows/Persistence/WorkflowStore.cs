using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>
/// The default <see cref="IWorkflowStore"/>, in one SQLite file beside the FHIR store: instances with their checkpoint
/// (next step and variables), the journal, approvals, the writes made (by idempotency key) and the trigger cursors.
/// Every change is one transaction, so a kill at any point leaves either the state before a step or after it.
/// </summary>
public sealed partial class WorkflowStore : IWorkflowStore, IDisposable
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS instances(id TEXT PRIMARY KEY, workflow TEXT NOT NULL, status TEXT NOT NULL, current_step TEXT,
            variables TEXT NOT NULL, trigger_key TEXT, patient TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL, error TEXT,
            steps_done INTEGER NOT NULL DEFAULT 0, wake_at INTEGER, owner TEXT, lease_until INTEGER);
        CREATE UNIQUE INDEX IF NOT EXISTS instances_by_trigger ON instances(workflow, trigger_key) WHERE trigger_key IS NOT NULL;
        CREATE INDEX IF NOT EXISTS instances_by_status ON instances(status, updated);
        CREATE TABLE IF NOT EXISTS journal(seq INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, at INTEGER NOT NULL, step_id TEXT, kind TEXT NOT NULL, detail TEXT);
        CREATE INDEX IF NOT EXISTS journal_by_instance ON journal(instance_id, seq);
        CREATE TABLE IF NOT EXISTS approvals(instance_id TEXT NOT NULL, step_id TEXT NOT NULL, status TEXT NOT NULL, message TEXT, requested INTEGER NOT NULL,
            decided INTEGER, decided_by TEXT, reason TEXT, PRIMARY KEY(instance_id, step_id));
        CREATE TABLE IF NOT EXISTS writes(idempotency_key TEXT PRIMARY KEY, instance_id TEXT NOT NULL, step_id TEXT NOT NULL, reference TEXT NOT NULL, at INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS cursors(name TEXT PRIMARY KEY, position INTEGER NOT NULL);
        """;

    private readonly SqliteConnection _write;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly string _connectionString;
    private readonly TimeProvider _time;

    public WorkflowStore(string path, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        var full = Path.GetFullPath(path);
        Fhir.Storage.OwnerOnlyFiles.CreateFile(full); // instances hold record excerpts: owner-only, like the FHIR store
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 60 }.ToString();
        _write = new SqliteConnection(_connectionString);
        try
        {
            _write.Open();
            // WAL with synchronous=NORMAL survives a killed process (the case here); FULL would also survive power loss.
            Execute(_write, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;");
            Execute(_write, null, Ddl);
        }
        catch (SqliteException ex)
        {
            _write.Dispose();
            throw new InvalidOperationException($"Cannot open the workflow store at {full}: {ex.Message}", ex);
        }

        DatabasePath = full;
    }

    /// <summary>The full path of the SQLite file.</summary>
    public string DatabasePath { get; }

    public string Location => DatabasePath;

    /// <summary>A SQLite file is one machine's: a claim by a process of this machine holds while that process lives.</summary>
    public bool IsShared => false;

    /// <summary>The default path beside a FHIR store: <c>&lt;db&gt;.workflows.db</c>.</summary>
    public static string PathBeside(string fhirDatabasePath) => Path.ChangeExtension(fhirDatabasePath, null) + ".workflows.db";

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Creates the instance, or returns the one its trigger key already created (created = false). With a cursor, moves
    /// it in the same transaction, so a trigger that crashes after this never starts the instance twice.
    /// </summary>
    public Task<(WorkflowInstance Instance, bool Created)> CreateAsync(NewInstance instance, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            var result = CreateOne(tx, instance);
            MoveCursor(tx, cursor);
            return result;
        }, cancellationToken);

    /// <summary>Creates several instances and moves the cursor in one transaction: all or none.</summary>
    public Task<IReadOnlyList<(WorkflowInstance Instance, bool Created)>> CreateManyAsync(IReadOnlyList<NewInstance> instances, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default) =>
        InTransactionAsync<IReadOnlyList<(WorkflowInstance, bool)>>(tx =>
        {
            var results = instances.Select(instance => CreateOne(tx, instance)).ToList();
            MoveCursor(tx, cursor);
            return results;
        }, cancellationToken);

    // Inside the caller's transaction: an earlier create of the same key, in this batch or before, is found by the select.
    private (WorkflowInstance Instance, bool Created) CreateOne(SqliteTransaction tx, NewInstance instance)
    {
        if (instance.TriggerKey is not null
            && Query(tx, "SELECT * FROM instances WHERE workflow = $w AND trigger_key = $k", ("$w", instance.Workflow), ("$k", instance.TriggerKey)).FirstOrDefault() is { } existing)
        {
            return (existing, false);
        }

        var id = Guid.CreateVersion7().ToString("N");
        var variables = (JsonObject)instance.Variables.DeepClone();
        variables["instance"] = new JsonObject { ["id"] = id, ["workflow"] = instance.Workflow };
        Run(tx, """
            INSERT INTO instances(id, workflow, status, current_step, variables, trigger_key, patient, created, updated)
            VALUES($id, $w, $s, $c, $v, $k, $p, $now, $now)
            """, ("$id", id), ("$w", instance.Workflow), ("$s", nameof(InstanceStatus.Running)), ("$c", instance.FirstStep),
            ("$v", variables.ToJsonString()), ("$k", instance.TriggerKey), ("$p", instance.PatientId), ("$now", Now));
        AddJournal(tx, id, null, "created", new JsonObject { ["trigger"] = instance.TriggerKey, ["patient"] = instance.PatientId });
        return (Query(tx, "SELECT * FROM instances WHERE id = $id", ("$id", id)).Single(), true);
    }

    /// <summary>Commits one step's effects: instance state, journal, approval request, write record.</summary>
    public Task CheckpointAsync(StepCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            Run(tx, """
                UPDATE instances SET status = $s, current_step = $c, variables = $v, updated = $now, error = $e,
                    steps_done = steps_done + $d, wake_at = NULL WHERE id = $id
                """, ("$s", checkpoint.Status.ToString()), ("$c", checkpoint.NextStep), ("$v", checkpoint.Variables.ToJsonString()),
                ("$now", Now), ("$e", checkpoint.Error), ("$d", checkpoint.StepDone ? 1 : 0), ("$id", checkpoint.InstanceId));
            foreach (var (step, kind, detail) in checkpoint.Journal)
            {
                AddJournal(tx, checkpoint.InstanceId, step, kind, detail);
            }

            if (checkpoint.Approval is { } approval)
            {
                Run(tx, """
                    INSERT INTO approvals(instance_id, step_id, status, message, requested) VALUES($i, $s, 'pending', $m, $now)
                    ON CONFLICT(instance_id, step_id) DO NOTHING
                    """, ("$i", checkpoint.InstanceId), ("$s", approval.StepId), ("$m", approval.Message), ("$now", Now));
            }

            if (checkpoint.Write is { } write)
            {
                Run(tx, "INSERT OR IGNORE INTO writes(idempotency_key, instance_id, step_id, reference, at) VALUES($k, $i, $s, $r, $now)",
                    ("$k", write.Key), ("$i", checkpoint.InstanceId), ("$s", write.StepId), ("$r", write.Reference), ("$now", Now));
            }

            return true;
        }, cancellationToken);

    /// <summary>Records that the current wait step sleeps until <paramref name="wakeAt"/>, so a restart keeps the same deadline.</summary>
    public Task SetWakeAsync(string instanceId, string stepId, DateTimeOffset wakeAt, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            Run(tx, "UPDATE instances SET wake_at = $w, updated = $now WHERE id = $id", ("$w", wakeAt.ToUnixTimeMilliseconds()), ("$now", Now), ("$id", instanceId));
            AddJournal(tx, instanceId, stepId, "sleeping", new JsonObject { ["until"] = wakeAt.ToString("O") });
            return true;
        }, cancellationToken);

    /// <summary>Adds a journal line on its own (step starts, retries).</summary>
    public Task AddJournalAsync(string instanceId, string? stepId, string kind, JsonObject? detail, CancellationToken cancellationToken = default) =>
        InTransactionAsync(tx =>
        {
            AddJournal(tx, instanceId, stepId, kind, detail);
            return true;
        }, cancellationToken);

    public Task<WorkflowInstance?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        return Task.FromResult(Query(connection, null, "SELECT * FROM instances WHERE id = $id", ("$id", id)).SingleOrDefault());
    }

    /// <summary>Instances, newest first, optionally of one status.</summary>
    public Task<IReadOnlyList<WorkflowInstance>> ListAsync(InstanceStatus? status = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        var rows = status is null
            ? Query(connection, null, "SELECT * FROM instances ORDER BY created DESC, id DESC LIMIT $n", ("$n", limit))
            : Query(connection, null, "SELECT * FROM instances WHERE status = $s ORDER BY created DESC, id DESC LIMIT $n", ("$s", status.Value.ToString()), ("$n", limit));
        return Task.FromResult<IReadOnlyList<WorkflowInstance>>(rows);
    }

    /// <summary>How many instances there are in each status.</summary>
    public Task<long> CountAsync(InstanceStatus status, CancellationToken cancellationToken = default)
    {
        using var connection = OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM instances WHERE status = $s";
        command.Parameters.AddWithValue("$s", status.ToString());
        return Task.FromResult((long)command.ExecuteScalar()!);
    }

    public void Dispose()
    {
        _write.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        _lock.Dispose();
    }
}
