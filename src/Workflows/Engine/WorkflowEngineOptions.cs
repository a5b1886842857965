namespace ClinicalAgent.Workflows.Engine;

/// <summary>Settings of the workflow engine and its triggers.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>The folder of workflow definitions (<c>*.yaml</c>).</summary>
    public string? WorkflowsFolder { get; set; }

    /// <summary>The workflow store (SQLite). Default: beside the FHIR store as <c>&lt;db&gt;.workflows.db</c>.</summary>
    public string? DatabasePath { get; set; }

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
