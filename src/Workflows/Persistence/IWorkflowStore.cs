using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Persistence;

/// <summary>
/// The durable side of workflows, as the engine, the triggers and the endpoints use it: instances with their
/// checkpoint, the journal, approvals, the writes made (by idempotency key), trigger cursors and run leases.
/// Every change is one transaction. <see cref="WorkflowStore"/> keeps it in a SQLite file (one machine);
/// <see cref="Postgres.PostgresWorkflowStore"/> in PostgreSQL, shared by several <c>serve</c> nodes.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Where the store is, for messages: a file path, or host, port and database (never a password).</summary>
    string Location { get; }

    /// <summary>Whether other processes on other machines may run this store's instances (leases then expire by time alone).</summary>
    bool IsShared { get; }

    /// <summary>
    /// Creates the instance, or returns the one its trigger key already created (created = false). With a cursor, moves
    /// it in the same transaction, so a trigger that crashes after this never starts the instance twice.
    /// </summary>
    Task<(WorkflowInstance Instance, bool Created)> CreateAsync(NewInstance instance, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates several instances and moves the cursor in ONE transaction: all of them or none. Each is created, or
    /// returned as the instance its trigger key already created (created = false), a key repeated within the batch
    /// too; the results are in the order given. A trigger that reads many changes at once pays one commit for them.
    /// </summary>
    Task<IReadOnlyList<(WorkflowInstance Instance, bool Created)>> CreateManyAsync(IReadOnlyList<NewInstance> instances, (string Name, long Position)? cursor = null, CancellationToken cancellationToken = default);

    /// <summary>Commits one step's effects: instance state, journal, approval request, write record.</summary>
    Task CheckpointAsync(StepCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Records that the current wait step sleeps until <paramref name="wakeAt"/>, so a restart keeps the same deadline.</summary>
    Task SetWakeAsync(string instanceId, string stepId, DateTimeOffset wakeAt, CancellationToken cancellationToken = default);

    /// <summary>Adds a journal line on its own (step starts, retries).</summary>
    Task AddJournalAsync(string instanceId, string? stepId, string kind, JsonObject? detail, CancellationToken cancellationToken = default);

    Task<WorkflowInstance?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Instances, newest first, optionally of one status.</summary>
    Task<IReadOnlyList<WorkflowInstance>> ListAsync(InstanceStatus? status = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>How many instances there are in a status.</summary>
    Task<long> CountAsync(InstanceStatus status, CancellationToken cancellationToken = default);

    /// <summary>An instance's journal, oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> JournalAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The FHIR writes an instance made: (step, idempotency key, resource reference).</summary>
    Task<IReadOnlyList<(string StepId, string Key, string Reference)>> WritesAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>A trigger's position in its feed, or null when it has none yet.</summary>
    Task<long?> GetCursorAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Moves a cursor forward (never back) without creating anything.</summary>
    Task SetCursorAsync(string name, long position, CancellationToken cancellationToken = default);

    Task<ApprovalRecord?> GetApprovalAsync(string instanceId, string stepId, CancellationToken cancellationToken = default);

    /// <summary>The instance's most recently approved approval (who let its writes through); null when none was approved.</summary>
    Task<ApprovalRecord?> LatestApprovedAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Decides the pending approval of a waiting instance: approved sets it running again, rejected ends it. Fails
    /// (<see cref="InvalidOperationException"/>) when the instance is not waiting for an approval.
    /// </summary>
    Task<WorkflowInstance> DecideAsync(string instanceId, bool approve, string by, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Claims a running instance for <paramref name="owner"/>; false when another live runner holds it or it is not runnable.</summary>
    Task<bool> TryClaimAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Extends <paramref name="owner"/>'s claim; false when the owner no longer holds it (another runner took it over).</summary>
    Task<bool> RenewAsync(string instanceId, string owner, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Gives up a claim.</summary>
    Task ReleaseAsync(string instanceId, string owner, CancellationToken cancellationToken = default);

    /// <summary>Ids of the instances that have a step to run, oldest first: what a restart resumes.</summary>
    Task<IReadOnlyList<string>> RunnableAsync(CancellationToken cancellationToken = default);

    /// <summary>Ids of the running instances no live runner holds (never claimed, released, or their lease expired), oldest first.</summary>
    Task<IReadOnlyList<string>> ClaimableAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a failed instance running again from its failed step.</summary>
    Task<bool> ReviveAsync(string instanceId, CancellationToken cancellationToken = default);
}
