namespace ClinicalAgent.Fhir.Storage;

/// <summary>Options of the embedded SQLite FHIR store.</summary>
public sealed class FhirStoreOptions
{
    /// <summary>The SQLite file; created with its schema on first use. <c>:memory:</c> is not supported.</summary>
    public string DatabasePath { get; set; } = DefaultDatabasePath();

    /// <summary>
    /// The long-running writer opening the store (<c>clinicalagent serve</c>), which then holds <c>&lt;db&gt;.lock</c>
    /// while open so a second writer fails at once naming it; null for readers and short-lived commands (no lock).
    /// </summary>
    public string? Writer { get; set; }

    /// <summary>How long a write waits for another process's write before failing with 503 (at least 1 s).</summary>
    public int BusyTimeoutSeconds { get; set; } = 5;

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
    /// Index every search parameter with the FHIRPath interpreter instead of the compiled element access: the
    /// reference the compiled path is checked against, kept for the store-load benchmark and for diagnosis.
    /// </summary>
    internal bool InterpretEveryExpression { get; set; }

    /// <summary>
    /// Whether a bulk load prepares its chunks (parse, lookup, JSON, index rows) on a thread of their own ahead of the
    /// writer; false alternates the two as before, kept for the store-load benchmark's side-by-side comparison.
    /// </summary>
    internal bool PrepareLoadAhead { get; set; } = true;

    /// <summary>
    /// Whether a bulk load writes a prepared chunk of new resources with statements spanning the chunk (the default)
    /// rather than several statements a resource; the same rows either way. False is kept for the store-load
    /// benchmark's side-by-side comparison and the test that compares the rows.
    /// </summary>
    internal bool BatchLoadRows { get; set; } = true;

    /// <summary>
    /// Whether a bulk load into an empty store drops the secondary indexes and builds them once before its commit (the
    /// default) rather than keeping them up to date row by row; kept for the same comparison.
    /// </summary>
    internal bool DeferLoadIndexes { get; set; } = true;

    /// <summary>
    /// Whether those deferred indexes are built after the data's commit, in a transaction of their own, while another
    /// connection checkpoints the data's pages (the default; see <see cref="LoadIndexBuild"/>), rather than before the
    /// one commit; the same rows and indexes either way. False is kept for the store-load benchmark.
    /// </summary>
    internal bool IndexAfterCommit { get; set; } = true;

    /// <summary>
    /// SQLite's page cache on the write connection while a bulk load runs, in MiB (64 otherwise): a large load's pages
    /// then stay in memory until its commit instead of spilling into the write-ahead log and being read back.
    /// </summary>
    internal int LoadCacheMiB { get; set; } = 256;

    /// <summary>
    /// Whether a write's JSON is serialized once to the UTF-8 bytes that its reference scan reads and SQLite stores (the
    /// default) rather than to a string encoded again for each; the same JSON either way. False is kept for the
    /// store-load benchmark's side-by-side comparison.
    /// </summary>
    internal bool Utf8Json { get; set; } = true;

    /// <summary>
    /// Whether a bulk load's reference check spells out an element's path only for a reference it rejects (the default)
    /// rather than for every element it walks; the same errors either way. False is kept for the store-load benchmark.
    /// </summary>
    internal bool LazyReferencePaths { get; set; } = true;

    /// <summary>
    /// Whether the end of a bulk load lets SQLite sort on helper threads (<c>PRAGMA threads</c>, one per core) while it
    /// builds the deferred indexes (the default) rather than on the writer's thread alone; the same indexes either way.
    /// </summary>
    internal bool SortOnAllCores { get; set; } = true;

    /// <summary>Resources per chunk of a bulk load (tests set a small one to cross chunk boundaries).</summary>
    internal int LoadChunk { get; set; } = 512;

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
