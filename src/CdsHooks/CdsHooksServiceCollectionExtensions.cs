using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.CdsHooks;

/// <summary>Registration of /cds-services (CDS Hooks 2.0) for <c>serve</c>.</summary>
public static class CdsHooksServiceCollectionExtensions
{
    /// <summary>Registers the services /cds-services (CDS Hooks 2.0) needs, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
