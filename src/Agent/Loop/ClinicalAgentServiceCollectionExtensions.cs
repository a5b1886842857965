using ClinicalAgent.Agent.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Registers the agent: its chat model and its loop. The tools are the host's to register beside it.</summary>
public static class ClinicalAgentServiceCollectionExtensions
{
    /// <summary>
    /// Registers the chat model that <c>Model:Provider</c> names (see <see cref="ChatModelServiceCollectionExtensions.AddChatModel"/>)
    /// and <see cref="ClinicalAgentRunner"/> over it; returns the chat client's builder for decorators.
    /// </summary>
    public static Microsoft.Extensions.AI.ChatClientBuilder AddClinicalAgent(this IServiceCollection services, IConfiguration configuration, Action<AgentRunOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var chat = services.AddChatModel(configuration);
        services.AddClinicalAgentRunner(configure);
        return chat;
    }
}
