using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Registers the agent loop.</summary>
public static class AgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClinicalAgentRunner"/> over the registered <see cref="IChatClient"/> (see
    /// <c>AddChatModel</c>), with default <see cref="AgentRunOptions"/> changed by <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddClinicalAgentRunner(this IServiceCollection services, Action<AgentRunOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AgentRunOptions>();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton(sp => new ClinicalAgentRunner(
            sp.GetRequiredService<IChatClient>(),
            sp.GetRequiredService<IOptions<AgentRunOptions>>(),
            sp.GetService<ILogger<ClinicalAgentRunner>>(),
            sp.GetService<TimeProvider>()));
        return services;
    }
}
