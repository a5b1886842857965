using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ClinicalAgent.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Agent.Loop;

/// <summary>Registers the whole agent: model, tools, kernel and loop.</summary>
public static class ClinicalAgentServiceCollectionExtensions
{
    /// <summary>Configuration section of the tools' options (<see cref="ClinicalToolsOptions"/>), e.g. <c>Tools:WriteApproval</c>.</summary>
    public const string ToolsSectionName = "Tools";

    /// <summary>
    /// Registers the chat model that <c>Model:Provider</c> names (see <see cref="ChatModelServiceCollectionExtensions.AddChatModel"/>),
    /// the clinical tools (options from the <c>Tools</c> section), a <see cref="Kernel"/> holding them as the plugin
    /// <c>clinical</c>, the <see cref="ClinicalToolset"/> the loop gives the model, and <see cref="ClinicalAgentRunner"/>.
    /// The host registers an <c>IFhirGateway</c> beside it.
    /// </summary>
    public static IServiceCollection AddClinicalAgent(this IServiceCollection services, IConfiguration configuration, Action<AgentRunOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddChatModel(configuration);
        services.AddClinicalTools();
        services.AddOptions<ClinicalToolsOptions>().Bind(configuration.GetSection(ToolsSectionName));
        services.AddClinicalAgentRunner(configure);
        services.TryAddSingleton(sp =>
        {
            var kernel = new Kernel(sp);
            kernel.Plugins.AddClinicalTools(sp);
            return kernel;
        });
        services.TryAddSingleton(sp =>
        {
            var functions = ClinicalToolsPlugin.CreateModelFunctions(sp, sp.GetRequiredService<Kernel>());
            // A schema the grammar cannot honour fails here, at startup; what it relaxes is logged once.
            var limits = new GrammarLimits(sp.GetService<IOptions<LocalModelOptions>>()?.Value.MaxStringArgumentLength ?? GrammarLimits.DefaultMaxStringLength);
            ToolSchemaAudit.Check(functions, limits, sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(ClinicalToolset)) ?? NullLogger.Instance);
            return new ClinicalToolset(functions);
        });
        return services;
    }
}
