using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>Registrations of the FHIR REST facade.</summary>
public static class FhirRestServiceCollectionExtensions
{
    /// <summary>
    /// Adds what <see cref="FhirRestEndpointRouteBuilderExtensions.MapFhirRest"/> needs besides an
    /// <see cref="IFhirGateway"/>, which the host registers (the embedded store or a remote server).
    /// </summary>
    public static IServiceCollection AddFhirRest(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.AddRouting();
        return services;
    }
}
