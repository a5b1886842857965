using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Audit;

/// <summary>
/// The audit store: a SQLite file of its own (<c>Audit:Database</c>, created 0600) with one row per access
/// (<see cref="AuditTable"/>), searched as AuditEvents (<see cref="AuditSearch"/>). It opens on first use; its
/// references point into the records' store, so they are not checked.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly Lazy<AuditTable> _table;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly string _observer = $"clinicalagent@{Environment.MachineName}";

    /// <summary>The log at <see cref="AuditOptions.Database"/>; <paramref name="time"/> ages its events.</summary>
    public AuditLog(AuditOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Database, "Audit:Database");
        _options = options;
        _time = time ?? TimeProvider.System;
        _table = new(() => new AuditTable(options.Database));
    }

    /// <summary>The audit store's file.</summary>
    public string DatabasePath => Path.GetFullPath(_options.Database!);

    /// <summary>Searches the AuditEvents (<c>date</c>, <c>type</c>, <c>subtype</c>, <c>action</c>, <c>outcome</c>,
    /// <c>agent</c>, <c>entity</c>, <c>patient</c>, <c>_id</c>, <c>_sort</c>, <c>_count</c>, <c>_total</c>); one searchset page.</summary>
    public Task<Bundle> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _table.Value.ReadAsync(connection => AuditSearch.Run(connection, query), cancellationToken);
    }

    /// <summary>The page after <paramref name="page"/>, or null.</summary>
    public async Task<Bundle?> NextPageAsync(Bundle page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var next = page.Link.FirstOrDefault(l => l.Relation == "next")?.Url;
        if (next is null)
            return null;
        var question = next.IndexOf('?', StringComparison.Ordinal);
        return await SearchAsync(SearchQuery.Parse(question < 0 ? "" : next[(question + 1)..]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the AuditEvents older than <see cref="AuditOptions.Retention"/>; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken cancellationToken = default) =>
        _table.Value.PurgeAsync(_time.GetUtcNow() - _options.Retention, cancellationToken);

    /// <summary>Writes <paramref name="records"/> in one transaction.</summary>
    internal Task<int> WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken = default) =>
        _table.Value.InsertAsync(records.Select(r => new StoredAuditEvent(SqliteFhirStore.NewId(), _observer, r)).ToList(), cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_table.IsValueCreated)
            _table.Value.Dispose();
    }
}
