using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>Registrations of the FHIR REST facade.</summary>
public static class FhirRestServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="FhirRestEndpointRouteBuilderExtensions.MapFhirRest"/> needs besides an
    /// <see cref="IFhirGateway"/>, which the host registers (the embedded store or a remote server): routing, and
    /// Brotli and gzip compression of FHIR JSON and XML answers for clients that send <c>Accept-Encoding</c>.
    /// </summary>
    public static IServiceCollection AddFhirRest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddRouting();

        // Search and history Bundles are large, repetitive JSON: compression cuts them by roughly ten times.
        // Fastest keeps the CPU cost per page small; the ratio on FHIR JSON is close to the best level's.
        services.AddResponseCompression(options =>
        {
            options.MimeTypes = [FhirMediaTypes.FhirJson, FhirMediaTypes.FhirXml];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.TryAddEnumerable(ServiceDescriptor.Transient<IStartupFilter, FhirCompressionStartupFilter>());
        return services;
    }
}
