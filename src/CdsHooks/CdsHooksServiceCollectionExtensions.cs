using ClinicalAgent.CdsHooks.Cards;
using ClinicalAgent.CdsHooks.Discovery;
using ClinicalAgent.CdsHooks.Feedback;
using ClinicalAgent.CdsHooks.Http;
using ClinicalAgent.CdsHooks.Invocation;
using ClinicalAgent.CdsHooks.Trust;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Workflows.Engine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.CdsHooks;

/// <summary>Registration of /cds-services (CDS Hooks 2.0) for <c>serve</c>.</summary>
public static class CdsHooksServiceCollectionExtensions
{
    /// <summary>
    /// Registers the services /cds-services needs, configured from the <c>CdsHooks</c> section (<see cref="CdsHooksOptions"/>),
    /// over what the composition root registers: the workflow catalog and engine, the clinical clock, the audit sink.
    /// </summary>
    public static IServiceCollection AddCdsHooks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CdsHooksOptions>().Bind(configuration.GetSection(CdsHooksOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CdsServiceDirectory>();
        services.TryAddSingleton(sp => new JwksCache(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }, sp.GetRequiredService<TimeProvider>(), Options(sp).JwksCacheDuration));
        services.TryAddSingleton(sp => new JtiReplayCache(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CdsTokenValidator(Options(sp), sp.GetRequiredService<JwksCache>(), sp.GetRequiredService<JtiReplayCache>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CdsTrustGate(Options(sp), sp.GetRequiredService<CdsTokenValidator>(), sp));
        services.TryAddSingleton(sp => new IssuedCards(Options(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new CdsInvoker(Options(sp), sp.GetRequiredService<ClinicalClock>(), sp.GetRequiredService<IssuedCards>(),
            new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, Audit(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CdsInvoker>>()));
        services.TryAddSingleton(sp => new CdsFeedbackRecorder(Options(sp), sp.GetRequiredService<IssuedCards>(), sp.GetRequiredService<WorkflowEngine>(),
            Audit(sp), sp.GetRequiredService<ILogger<CdsFeedbackRecorder>>()));
        return services;
    }

    private static CdsHooksOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<CdsHooksOptions>>().Value;

    private static IAuditSink Audit(IServiceProvider services) => services.GetRequiredService<IAuditSink>();
}
