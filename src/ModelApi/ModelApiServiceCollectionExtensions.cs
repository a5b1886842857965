using ClinicalAgent.ModelApi.Serving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalAgent.ModelApi;

/// <summary>Registration of /v1 (the OpenAI-compatible model endpoint) for <c>serve</c>.</summary>
public static class ModelApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers what /v1 needs: <see cref="ModelApiOptions"/> from the <c>ModelApi</c> section, and the served model
    /// (the local runtime the host's <c>AddChatModel</c> registered; /v1 answers 503 when there is none).
    /// </summary>
    public static IServiceCollection AddModelApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ModelApiOptions>().Bind(configuration.GetSection(ModelApiOptions.SectionName));
        services.TryAddSingleton<ServedModel>();
        return services;
    }
}
