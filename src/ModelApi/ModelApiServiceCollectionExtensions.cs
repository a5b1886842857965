using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.ModelApi;

/// <summary>Registration of /v1 (the OpenAI-compatible model endpoint) for <c>serve</c>.</summary>
public static class ModelApiServiceCollectionExtensions
{
    /// <summary>Registers the services /v1 (the OpenAI-compatible model endpoint) needs, configured from <paramref name="configuration"/>.</summary>
    public static IServiceCollection AddModelApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
