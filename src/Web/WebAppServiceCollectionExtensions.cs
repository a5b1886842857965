using ClinicalAgent.Web.Remote;
using ClinicalAgent.Web.Sessions;
using ClinicalAgent.Web.SignIn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalAgent.Web;

/// <summary>Registration of / (the clinician web app) for <c>serve</c>.</summary>
public static class WebAppServiceCollectionExtensions
{
    /// <summary>
    /// Registers the web app's sessions, its client registration with the local authorization server and its record
    /// views, configured from <c>Web:*</c> (<see cref="WebAppOptions"/>). The records, tools, agent and workflows
    /// are the host's own (<c>AddClinicalAgentApplication</c>).
    /// </summary>
    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebAppOptions>().Bind(configuration.GetSection(WebAppOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(SignInEndpoints.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<WebSessions>();
        services.TryAddSingleton<WebClientRegistration>();
        services.TryAddSingleton<RemoteRecordsFactory>();
        // Requests to other EHRs' FHIR servers: pooled handlers, header values never logged (they carry the person's token).
        services.AddHttpClient(RemoteRecordsFactory.HttpClientName).RedactLoggedHeaders(_ => true);
        return services;
    }
}
