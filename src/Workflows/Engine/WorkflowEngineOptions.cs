namespace ClinicalAgent.Workflows.Engine;

/// <summary>Settings of the workflow engine and its triggers.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>The folder of workflow definitions (<c>*.yaml</c>).</summary>
    public string? WorkflowsFolder { get; set; }

    /// <summary>The workflow store (SQLite). Default: beside the FHIR store as <c>&lt;db&gt;.workflows.db</c>.</summary>
    public string? DatabasePath { get; set; }

    /// <summary>Where workflow state lives (<c>Workflows:Store</c>): <c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public Persistence.WorkflowStoreKind Store { get; set; } = Persistence.WorkflowStoreKind.Sqlite;

    /// <summary>The PostgreSQL database when <see cref="Store"/> is <c>postgres</c>.</summary>
    public Persistence.Postgres.PostgresWorkflowOptions Postgres { get; set; } = new();

    /// <summary>
    /// On a shared store (PostgreSQL), how often a node looks for running instances no live node holds (a node that
    /// died mid-run: its lease expired) and takes them over. Zero turns the sweep off.
    /// </summary>
    public TimeSpan TakeOverInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On a shared store, how late a schedule fire may be before Quartz treats it as missed; a missed fire (nodes were
    /// down) is replayed once when a node is up again, then the schedule proceeds.
    /// </summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On a shared store, how often each node's scheduler tells the cluster it is alive (Quartz check-in).</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How long a runner's claim on an instance lasts without renewal; a live runner renews it every step.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the FHIR trigger reads the embedded store's change feed (a local, cheap read).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How often the FHIR trigger polls a remote server: one search per watched type each time, so slower than the
    /// embedded feed, to stay well inside an EHR's rate limits.
    /// </summary>
    public TimeSpan RemotePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most instances a host runs at once.</summary>
    public int MaxConcurrentInstances { get; set; } = 16;

    /// <summary>Timeout of a webhook POST.</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
