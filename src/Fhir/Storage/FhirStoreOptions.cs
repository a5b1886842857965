namespace ClinicalAgent.Fhir.Storage;

/// <summary>Options of the embedded SQLite FHIR store.</summary>
public sealed class FhirStoreOptions
{
    /// <summary>The SQLite file; created with its schema on first use. <c>:memory:</c> is not supported.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath();

    /// <summary>Page size when a search gives no <c>_count</c>.</summary>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>Largest <c>_count</c> honoured; larger requests are clamped.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// Whether a write fails when a reference resolves to nothing (the default, as FHIR servers do). The audit store
    /// turns it off: its AuditEvents refer to records kept in another store.
    /// </summary>
    public bool CheckReferences { get; set; } = true;

    /// <summary>
    /// The default store: <c>$CLINICALAGENT_DB</c> when set, else <c>clinicalagent/clinicalagent.db</c> in the
    /// user's data folder (<c>~/.local/share</c> on Linux).
    /// </summary>
    public static string DefaultDatabasePath()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CLINICALAGENT_DB");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var dataFolder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(dataFolder, "clinicalagent", "clinicalagent.db");
    }
}
