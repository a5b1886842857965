using ClinicalAgent.Tools.Plugins;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalAgent.Tools;

/// <summary>Registers the clinical record tools; the host registers an <c>IFhirGateway</c> beside them.</summary>
public static class ClinicalToolsServiceCollectionExtensions
{
    public static IServiceCollection AddClinicalTools(this IServiceCollection services, Action<ClinicalToolsOptions>? configure = null)
    {
        var options = services.AddOptions<ClinicalToolsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ClinicalClock(
            sp.GetRequiredService<Fhir.IFhirGateway>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClinicalToolsOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ClinicalRecords>();
        services.TryAddSingleton<OverviewReader>();
        services.TryAddSingleton<PatientPlugin>();
        services.TryAddSingleton<ObservationPlugin>();
        services.TryAddSingleton<ClinicalRecordPlugin>();
        services.TryAddSingleton<DocumentPlugin>();
        services.TryAddSingleton<FhirSearchPlugin>();
        services.TryAddSingleton<DenyAllPolicy>();
        services.TryAddSingleton<AllowAllPolicy>();
        services.TryAddSingleton(sp => new QueuedApprovalPolicy(sp.GetRequiredService<Fhir.IFhirGateway>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<RecordingApprovalPolicy>();
        services.TryAddSingleton<IApprovalPolicy>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClinicalToolsOptions>>().Value.WriteApproval switch
            {
                ApprovalMode.Allow => sp.GetRequiredService<AllowAllPolicy>(),
                ApprovalMode.Ask => sp.GetRequiredService<QueuedApprovalPolicy>(),
                ApprovalMode.Record => sp.GetRequiredService<RecordingApprovalPolicy>(),
                _ => sp.GetRequiredService<DenyAllPolicy>(),
            });
        services.TryAddSingleton<WriteExecutor>();
        services.TryAddSingleton<WritePlugin>();
        return services;
    }
}
