using System.Diagnostics;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Diagnostics;

/// <summary>
/// The embedded store with its gateway interactions traced; what only the embedded store does (bulk load, settings,
/// the change feed) passes through untraced. It is an <see cref="IEmbeddedFhirStore"/>, so code that asks whether the
/// gateway is the embedded store (an import's fast path) finds it is.
/// </summary>
internal sealed class TracedEmbeddedFhirStore(IEmbeddedFhirStore inner) : TracedFhirGateway(inner, ActivityKind.Internal), IEmbeddedFhirStore
{
    private readonly IEmbeddedFhirStore _store = inner;

    public event EventHandler? Changed
    {
        add => _store.Changed += value;
        remove => _store.Changed -= value;
    }

    public string DatabasePath => _store.DatabasePath;

    public string CursorScope => _store.CursorScope;

    public Task<int> LoadAsync(IEnumerable<Resource> resources, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        _store.LoadAsync(resources, progress, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountByTypeAsync(CancellationToken cancellationToken = default) => _store.CountByTypeAsync(cancellationToken);

    public Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default) => _store.GetSettingAsync(key, cancellationToken);

    public System.Threading.Tasks.Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default) => _store.SetSettingAsync(key, value, cancellationToken);

    public long DatabaseBytes() => _store.DatabaseBytes();

    public Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(long afterSequence, int max = 500, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default) =>
        _store.ReadChangesAsync(afterSequence, max, types, cancellationToken);

    public Task<long> LatestChangeSequenceAsync(IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default) =>
        _store.LatestChangeSequenceAsync(types, cancellationToken);

    public Task<DateTimeOffset?> GetDatasetNowAsync(CancellationToken cancellationToken = default) => _store.GetDatasetNowAsync(cancellationToken);

    // The traced store is what the container holds, so it closes the store it wraps.
    public void Dispose() => _store.Dispose();
}
