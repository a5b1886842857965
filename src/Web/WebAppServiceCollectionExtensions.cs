using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web;

/// <summary>Registration of / (the clinician web app) for <c>serve</c>.</summary>
public static class WebAppServiceCollectionExtensions
{
    /// <summary>Registers the services / (the clinician web app) needs, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddWebApp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
