namespace ClinicalAgent.Fhir;

/// <summary>Where the records are: the <c>Fhir</c> configuration section.</summary>
public sealed class FhirOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fhir";

    /// <summary>A FHIR R4 server's base URL (<c>Fhir:BaseUrl</c>); when set, every tool, trigger and command reads
    /// and writes there instead of the embedded store.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How the remote gateway authenticates (<c>Fhir:Auth:*</c>): none, a bearer token, or SMART Backend Services.</summary>
    public Remote.Auth.FhirAuthOptions Auth { get; set; } = new();

    /// <summary>How the remote gateway retries a busy server's 429 and 503 answers (<c>Fhir:Retry:*</c>).</summary>
    public Remote.FhirRetryOptions Retry { get; set; } = new();

    /// <summary>The embedded store's SQLite file (<c>Fhir:Database</c>, the CLI's <c>--db</c>); default
    /// <c>$CLINICALAGENT_DB</c>, else <c>clinicalagent/clinicalagent.db</c> in the user's data folder.</summary>
    public string? Database { get; set; }

    /// <summary>The long-running writer this process is (<c>Fhir:Writer</c>, set by <c>serve</c>, <c>fhir import</c>, …):
    /// it holds the embedded store's <c>&lt;db&gt;.lock</c>, so a second writer fails at once. Unset for readers.</summary>
    public string? Writer { get; set; }

    /// <summary>The embedded store's file as a full path.</summary>
    public string DatabasePath => Path.GetFullPath(Database is { Length: > 0 } path ? path : Storage.FhirStoreOptions.DefaultDatabasePath());
}
