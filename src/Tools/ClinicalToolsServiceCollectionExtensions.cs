using ClinicalAgent.Tools.Plugins;
using ClinicalAgent.Tools.Records;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicalAgent.Tools;

/// <summary>Registers the clinical record and image tools; the host registers an <c>IFhirGateway</c> beside them (<c>AddFhir</c>).</summary>
public static class ClinicalToolsServiceCollectionExtensions
{
    /// <summary>The configuration section of <see cref="ClinicalToolsOptions"/>, e.g. <c>Tools:WriteApproval</c>.</summary>
    public const string SectionName = "Tools";

    /// <summary>Registers the tools with <see cref="ClinicalToolsOptions"/> bound from the <c>Tools</c> section.</summary>
    public static IServiceCollection AddClinicalTools(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ClinicalToolsOptions>().Bind(configuration.GetSection(SectionName));
        return services.AddClinicalTools();
    }

    /// <summary>Registers the tools (plugins, clock, write policies, <see cref="ClinicalToolbox"/>); <paramref name="configure"/> changes the options.</summary>
    public static IServiceCollection AddClinicalTools(this IServiceCollection services, Action<ClinicalToolsOptions>? configure = null)
    {
        var options = services.AddOptions<ClinicalToolsOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ClinicalClock(
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClinicalToolsOptions>>(),
            sp.GetService<Fhir.IDatasetClock>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ClinicalRecords>();
        services.TryAddSingleton<MedicationResolver>();
        services.TryAddSingleton<OverviewReader>();
        services.TryAddSingleton<PatientPlugin>();
        services.TryAddSingleton<ObservationPlugin>();
        services.TryAddSingleton<ClinicalRecordPlugin>();
        services.TryAddSingleton<DocumentPlugin>();
        services.TryAddSingleton<FhirSearchPlugin>();
        services.TryAddSingleton<Images.RecordImages>();
        services.TryAddSingleton<Images.ImagePreviews>();
        // The vision model (IChatClient) and MedSigLIP (IZeroShotImageClassifier) are optional: resolved at call time.
        services.TryAddSingleton(sp => new Images.ImageModels(sp, sp.GetService<Microsoft.Extensions.Logging.ILogger<Images.ImageModels>>()));
        services.TryAddSingleton<ImagePlugin>();
        services.TryAddSingleton<IAiSystemSource, UnidentifiedAiSystem>();
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
        services.TryAddSingleton(sp => new ClinicalToolbox(sp));
        return services;
    }
}
