namespace ClinicalAgent.Fhir.Audit;

/// <summary>The audit trail: the <c>Audit</c> configuration section.</summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Audit";

    /// <summary>Whether accesses are recorded as AuditEvents (<c>Audit:Enabled</c>, default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The audit store's SQLite file (<c>Audit:Database</c>): an embedded FHIR store of its own, so the records' change
    /// feed and searches never see audit traffic. Default: beside <c>Fhir:Database</c>, <c>&lt;name&gt;.audit.db</c>.
    /// </summary>
    public string? Database { get; set; }

    /// <summary>How long AuditEvents are kept (<c>Audit:Retention</c>, default six years); older ones are purged at
    /// start and once a day.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(2190);

    /// <summary>How many events may wait to be written (<c>Audit:BufferCapacity</c>); a full buffer makes the caller
    /// wait up to <see cref="FullBufferWait"/>.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>Most events written in one transaction (<c>Audit:BatchSize</c>).</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How long a caller waits for room in a full buffer before the event is counted and logged as lost
    /// (<c>Audit:FullBufferWait</c>).</summary>
    public TimeSpan FullBufferWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The audit store beside <paramref name="fhirDatabasePath"/>: <c>clinicalagent.db</c> → <c>clinicalagent.audit.db</c>.</summary>
    public static string PathBeside(string fhirDatabasePath) => Path.ChangeExtension(fhirDatabasePath, null) + ".audit.db";
}
