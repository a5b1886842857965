using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>Opens the embedded store.</summary>
public static class EmbeddedFhirStore
{
    /// <summary>Opens (creating when missing) the store at <see cref="FhirStoreOptions.DatabasePath"/>.</summary>
    public static IEmbeddedFhirStore Open(FhirStoreOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null) =>
        new SqliteFhirStore(options, timeProvider, loggers?.CreateLogger<SqliteFhirStore>());
}
