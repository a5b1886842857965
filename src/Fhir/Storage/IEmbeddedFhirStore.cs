namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The embedded store as hosts use it beyond <see cref="IFhirGateway"/>: bulk load, settings, statistics, its change
/// feed and its data set's now. <see cref="EmbeddedFhirStore.Open"/> opens one; <c>AddFhir</c> registers one.
/// </summary>
public interface IEmbeddedFhirStore : IFhirGateway, IFhirChangeFeed, IDatasetClock, IDisposable
{
    /// <summary>The SQLite file.</summary>
    string DatabasePath { get; }

    /// <summary>Stores many resources in large transactions (generator output, imports); returns how many.</summary>
    Task<int> LoadAsync(IEnumerable<Hl7.Fhir.Model.Resource> resources, IProgress<int>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Current resources per type.</summary>
    Task<IReadOnlyDictionary<string, long>> CountByTypeAsync(CancellationToken cancellationToken = default);

    /// <summary>A store setting, or null.</summary>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Sets a store setting.</summary>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>The database's size on disk after a WAL checkpoint.</summary>
    long DatabaseBytes();
}
