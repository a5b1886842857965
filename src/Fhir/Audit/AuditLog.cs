using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// The audit store: an embedded FHIR store of its own (<c>Audit:Database</c>, created 0600) holding only AuditEvents,
/// searchable like any FHIR store. It opens on first use; its references point into the records' store, so they are
/// not checked.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private const string AuditEventType = "AuditEvent";

    private readonly Lazy<SqliteFhirStore> _store;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly AuditEventFactory _factory = new($"clinicalagent@{Environment.MachineName}");

    /// <summary>The log at <see cref="AuditOptions.Database"/>; <paramref name="time"/> stamps and ages its events.</summary>
    public AuditLog(AuditOptions options, TimeProvider? time = null, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Database, "Audit:Database");
        _options = options;
        _time = time ?? TimeProvider.System;
        _store = new(() => new SqliteFhirStore(
            new FhirStoreOptions { DatabasePath = options.Database, CheckReferences = false },
            _time,
            loggers?.CreateLogger<SqliteFhirStore>()));
    }

    /// <summary>The audit store's file.</summary>
    public string DatabasePath => Path.GetFullPath(_options.Database!);

    /// <summary>Searches the AuditEvents (<c>date</c>, <c>type</c>, <c>subtype</c>, <c>action</c>, <c>outcome</c>,
    /// <c>agent</c>, <c>entity</c>, <c>patient</c>, <c>_sort</c>, <c>_count</c>, …); one searchset page.</summary>
    public Task<Bundle> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default) =>
        _store.Value.SearchAsync(AuditEventType, query, cancellationToken);

    /// <summary>The page after <paramref name="page"/>, or null.</summary>
    public Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default) =>
        _store.Value.NextPageAsync(page, cancellationToken);

    /// <summary>Removes the AuditEvents older than <see cref="AuditOptions.Retention"/>; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken = default) =>
        _store.Value.PurgeAsync(AuditEventType, _time.GetUtcNow() - _options.Retention, cancellationToken);

    /// <summary>Writes <paramref name="records"/> as AuditEvents in one transaction.</summary>
    internal Task<int> WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        _store.Value.LoadAsync(records.Select(_factory.Create).ToList(), null, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_store.IsValueCreated)
            _store.Value.Dispose();
    }
}
