using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Diagnostics;
using ClinicalAgent.Fhir.Remote;
using ClinicalAgent.Fhir.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Fhir;

/// <summary>Registers where the records are.</summary>
public static class FhirServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IFhirGateway"/> from the <c>Fhir</c> section (<see cref="FhirOptions"/>): a remote server
    /// when <c>Fhir:BaseUrl</c> is set, else the embedded store at <c>Fhir:Database</c>, which is also registered as
    /// <see cref="IEmbeddedFhirStore"/>, <see cref="IFhirChangeFeed"/> (FHIR triggers) and <see cref="IDatasetClock"/>
    /// (the tools' clinical now). The store opens on first use. Also the <see cref="Import.FhirImporter"/> over that gateway,
    /// with <see cref="Import.FhirImportOptions"/> from <c>Fhir:Import</c>, and the audit trail (<see cref="Audit.AuditOptions"/>, <c>Audit:*</c>).
    /// </summary>
    /// <remarks>A remote server's <see cref="IFhirChangeFeed"/> is a <see cref="RemoteChangeFeed"/>. It is reached with <c>Fhir:Auth:*</c> (<see cref="Remote.Auth.FhirAuthOptions"/>) and
    /// <c>Fhir:Retry:*</c> (<see cref="FhirRetryOptions"/>).</remarks>
    /// <exception cref="ArgumentException"><c>Fhir:BaseUrl</c> is not an absolute http(s) URL, or a <c>Fhir:Auth:*</c>
    /// setting is missing or wrong (a bearer token variable that is not set, an unreadable key file), naming the key.</exception>
    public static IServiceCollection AddFhir(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(FhirOptions.SectionName);
        services.AddOptions<FhirOptions>().Bind(section);
        services.AddOptions<Import.FhirImportOptions>().Bind(configuration.GetSection(Import.FhirImportOptions.SectionName));
        services.AddAudit(configuration);
        services.TryAddTransient(sp => new Import.FhirImporter(sp.GetRequiredService<IFhirGateway>(), sp.GetRequiredService<IOptions<Import.FhirImportOptions>>().Value));
        var options = section.Get<FhirOptions>() ?? new FhirOptions();
        if (options.BaseUrl is { Length: > 0 } baseUrl)
        {
            if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"Fhir:BaseUrl (--fhir) '{baseUrl}' is not an absolute http(s) URL, such as https://ehr.example.org/fhir/r4.");
            }

            // Its interactions show as HttpClient spans (method, path, status; query values redacted by the telemetry).
            services.AddRemoteFhirGateway(uri, options.Auth, options.Retry);

            // Workflow FHIR triggers poll the server's _lastUpdated: the feed holds no state of its own, the cursors do.
            services.TryAddSingleton<IFhirChangeFeed>(sp => new RemoteChangeFeed(sp.GetRequiredService<IFhirGateway>(), uri));
            return services;
        }

        // Traced for OpenTelemetry (spans only while someone listens): one object is the store, gateway, feed and clock.
        services.TryAddSingleton<IEmbeddedFhirStore>(sp => new TracedEmbeddedFhirStore(EmbeddedFhirStore.Open(
            new FhirStoreOptions { DatabasePath = sp.GetRequiredService<IOptions<FhirOptions>>().Value.DatabasePath, Writer = sp.GetRequiredService<IOptions<FhirOptions>>().Value.Writer },
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>())));
        services.TryAddSingleton<IFhirGateway>(sp => sp.GetRequiredService<IEmbeddedFhirStore>());
        services.TryAddSingleton<IFhirChangeFeed>(sp => sp.GetRequiredService<IEmbeddedFhirStore>());
        services.TryAddSingleton<IDatasetClock>(sp => sp.GetRequiredService<IEmbeddedFhirStore>());
        return services;
    }
}
