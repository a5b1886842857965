using ClinicalAgent.Fhir.Remote.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>Registers a remote FHIR server as the <see cref="IFhirGateway"/>.</summary>
public static class RemoteFhirServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the gateway gets from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "ClinicalAgent.Fhir.Remote";

    /// <summary>
    /// Registers <see cref="IFhirGateway"/> as a <see cref="RemoteFhirGateway"/> at <paramref name="baseUrl"/> without
    /// authentication and with the default <see cref="FhirRetryOptions"/>.
    /// </summary>
    public static IServiceCollection AddRemoteFhirGateway(
        this IServiceCollection services, Uri baseUrl, Action<HttpClient>? configureClient = null) =>
        services.AddRemoteFhirGateway(baseUrl, new FhirAuthOptions(), new FhirRetryOptions(), configureClient);

    /// <summary>
    /// Registers <see cref="IFhirGateway"/> as a <see cref="RemoteFhirGateway"/> at <paramref name="baseUrl"/>, its
    /// HttpClient from the factory (so handlers are pooled and recycled) with two handlers: retries of 429 and 503
    /// (<paramref name="retry"/>) around the authorization of <paramref name="auth"/>. <paramref name="configureClient"/>
    /// can set a timeout.
    /// </summary>
    /// <exception cref="ArgumentException">The URL is relative, or a <c>Fhir:Auth:*</c> setting is missing or wrong (naming it).</exception>
    public static IServiceCollection AddRemoteFhirGateway(
        this IServiceCollection services, Uri baseUrl, FhirAuthOptions auth, FhirRetryOptions retry, Action<HttpClient>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseUrl);
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(retry);
        if (!baseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The FHIR server's base URL must be absolute, not '{baseUrl}'.", nameof(baseUrl));
        }

        if (retry.MaxRetries < 0 || retry.MaxWait < TimeSpan.Zero || retry.FirstWait < TimeSpan.Zero)
        {
            throw new ArgumentException("Fhir:Retry:MaxRetries, MaxWait and FirstWait must not be negative.");
        }

        // Discovery resolves ".well-known/..." against the base, which needs the trailing slash.
        var normalizedBase = new Uri(baseUrl.OriginalString.EndsWith('/') ? baseUrl.OriginalString : baseUrl.OriginalString + "/");

        // The retry handler is outermost: each retry goes through authorization again, with a token still valid.
        var client = services.AddHttpClient(HttpClientName, http => configureClient?.Invoke(http))
            .AddHttpMessageHandler(sp => FhirRetryHandler.Create(sp, retry))
            .RedactLoggedHeaders(_ => true);
        client.AddFhirAuthorization(normalizedBase, auth, retry);

        // Transient, as the factory intends: each gateway takes a fresh HttpClient over a pooled handler.
        services.AddTransient<IFhirGateway>(provider => new RemoteFhirGateway(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName), baseUrl));
        return services;
    }
}
