using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>Registers a remote FHIR server as the <see cref="IFhirGateway"/>.</summary>
public static class RemoteFhirServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the gateway gets from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ClinicalAgent.Fhir.Remote";

    /// <summary>
    /// Registers <see cref="IFhirGateway"/> as a <see cref="RemoteFhirGateway"/> at <paramref name="baseUrl"/>,
    /// its HttpClient from the factory (so handlers are pooled and recycled); <paramref name="configureClient"/>
    /// can set a timeout or an authorization header.
    /// </summary>
    public static IServiceCollection AddRemoteFhirGateway(
        this IServiceCollection services, Uri baseUrl, Action<HttpClient>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The FHIR server's base URL must be absolute, not '{baseUrl}'.", nameof(baseUrl));
        }

        services.AddHttpClient(HttpClientName, client => configureClient?.Invoke(client));

        // Transient, as the factory intends: each gateway takes a fresh HttpClient over a pooled handler.
        services.AddTransient<IFhirGateway>(provider => new RemoteFhirGateway(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), baseUrl));
        return services;
    }
}
