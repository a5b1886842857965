using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Agent.Runtime.Grammar;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Vision;
using ClinicalAgent.Auth;
using ClinicalAgent.Fhir;
using ClinicalAgent.Telemetry;
using ClinicalAgent.Tools;
using ClinicalAgent.Workflows.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>
/// The one composition root: every command and <c>serve</c> get their services from this list of registrations,
/// configured by keys alone (<c>Fhir:*</c>, <c>Model:*</c>, <c>Vision:*</c>, <c>Tools:*</c>, <c>Workflows:*</c>, <c>Auth:Server:*</c>).
/// </summary>
public static class ApplicationServices
{
    /// <summary>Registers the records, the tools, the model and the agent loop, the workflows, and the local authorization server.</summary>
    public static IServiceCollection AddClinicalAgentApplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddClinicalAgentTelemetry(configuration);
        services.AddFhir(configuration);
        services.AddClinicalTools(configuration);
        services.AddClinicalAgent(configuration).UseChatModelTelemetry().UseLogging();
        services.AddMedSigLip(configuration);
        // Replaces AddClinicalTools' unidentified default: the writes' Provenance names the configured model.
        services.AddSingleton<Tools.Writes.IAiSystemSource>(sp => new ModelAiSystemSource(sp.GetRequiredService<Agent.Runtime.ModelIdentitySource>()));
        services.TryAddSingleton(sp => AuditedToolset(sp));
        services.AddWorkflows(configuration);
        services.AddLocalAuthorizationServer(configuration);
        // Commands against a served store on this machine get their tokens from its authorization server (Fhir:Auth:Mode auto/local).
        services.TryAddSingleton<Fhir.Remote.Auth.ILocalFhirTokenProvider, LocalAuthorityTokenProvider>();
        return services;
    }

    /// <summary>The tools the agent is offered, their schemas compiled at first use: one that the grammar cannot honour
    /// fails here, naming tool and keyword, and each relaxed constraint is logged once.</summary>
    private static ClinicalToolset AuditedToolset(IServiceProvider services)
    {
        var functions = services.GetRequiredService<ClinicalToolbox>().Functions;
        var limits = new GrammarLimits(services.GetRequiredService<IOptions<LocalModelOptions>>().Value.MaxStringArgumentLength);
        ToolSchemaAudit.Check(functions, limits, services.GetRequiredService<ILoggerFactory>().CreateLogger("ClinicalAgent.Tools"));
        return new ClinicalToolset(functions);
    }
}
