using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Persistence;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>Registers the workflow engine, its store and its triggers over the host's FHIR gateway, tools and model.</summary>
public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>The configuration section: <c>Workflows:Folder</c>, <c>Workflows:Database</c>, <c>Workflows:Store</c>
    /// (<c>sqlite</c> or <c>postgres</c>), <c>Workflows:Postgres:ConnectionString</c> (or <c>:ConnectionStringVariable</c>), and the other
    /// <see cref="WorkflowEngineOptions"/> by name (<c>Workflows:MaxConcurrentInstances</c>, …).</summary>
    public const string SectionName = "Workflows";

    /// <summary>The environment variable that names the definitions folder when <c>Workflows:Folder</c> is not set.</summary>
    public const string FolderVariable = "CLINICALAGENT_WORKFLOWS";

    /// <summary>
    /// Registers <see cref="WorkflowEngineOptions"/> (folder: <c>Workflows:Folder</c>, else <c>$CLINICALAGENT_WORKFLOWS</c>,
    /// else <c>./samples/workflows</c> when it exists; database: <c>Workflows:Database</c>, else <c>&lt;db&gt;.workflows.db</c>
    /// beside <c>Fhir:Database</c>), the <see cref="WorkflowCatalog"/>, the <see cref="IWorkflowStore"/> (SQLite, or PostgreSQL with <c>Workflows:Store=postgres</c>),
    /// <see cref="WorkflowServices"/>, <see cref="WorkflowEngine"/> and <see cref="WorkflowHost"/> (the triggers; the FHIR
    /// trigger when the gateway has an <see cref="IFhirChangeFeed"/>). Agent steps use the registered
    /// <see cref="IChatClient"/>, made on first use; without one they fail, saying so.
    /// </summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        // The default workflow store sits beside the FHIR store, so Fhir:Database is read here too (AddFhir binds the same).
        services.AddOptions<FhirOptions>().Bind(configuration.GetSection(FhirOptions.SectionName));
        services.AddOptions<WorkflowEngineOptions>().Bind(section).Configure<IOptions<FhirOptions>>((options, fhir) =>
        {
            options.WorkflowsFolder = FolderPath(section["Folder"] ?? options.WorkflowsFolder);
            options.DatabasePath = section["Database"] is { Length: > 0 } database ? Path.GetFullPath(database)
                : options.DatabasePath is { Length: > 0 } path ? Path.GetFullPath(path)
                : WorkflowStore.PathBeside(fhir.Value.DatabasePath);
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => WorkflowCatalog.Load(Options(sp).WorkflowsFolder));
        services.TryAddSingleton<IWorkflowStore>(sp => OpenStore(Options(sp), sp.GetRequiredService<TimeProvider>()));
        services.TryAddKeyedSingleton(SectionName, (sp, _) => new HttpClient { Timeout = Options(sp).WebhookTimeout });
        services.TryAddSingleton(sp =>
        {
            var hasModel = sp.GetService<IServiceProviderIsService>()?.IsService(typeof(IChatClient)) == true;
            var toolbox = sp.GetRequiredService<ClinicalToolbox>();
            return new WorkflowServices(
                sp.GetRequiredService<IFhirGateway>(),
                sp.GetRequiredService<ClinicalClock>().GetNowAsync,
                hasModel ? () => sp.GetRequiredService<IChatClient>() : null,
                () => toolbox.Functions,
                sp.GetRequiredKeyedService<HttpClient>(SectionName),
                sp.GetRequiredService<TimeProvider>())
            {
                AiSystem = sp.GetService<ClinicalAgent.Tools.Writes.IAiSystemSource>(),
            };
        });
        services.TryAddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<WorkflowCatalog>(), sp.GetRequiredService<IWorkflowStore>(), sp.GetRequiredService<WorkflowServices>(),
            Options(sp), sp.GetService<ILogger<WorkflowEngine>>(), audit: sp.GetService<Fhir.Audit.IAuditSink>()));
        services.TryAddSingleton(sp => new WorkflowHost(
            sp.GetRequiredService<WorkflowEngine>(), Options(sp), sp.GetRequiredService<IFhirGateway>(), sp.GetService<IFhirChangeFeed>(),
            sp.GetService<ILoggerFactory>()));
        return services;
    }

    // Workflows:Store picks the store; PostgreSQL is opened (and its schema made) here, once, on first use.
    private static IWorkflowStore OpenStore(WorkflowEngineOptions options, TimeProvider time) => options.Store switch
    {
        WorkflowStoreKind.Postgres => Persistence.Postgres.PostgresWorkflowStore.OpenAsync(options.Postgres.Resolve(), time).GetAwaiter().GetResult(),
        _ => new WorkflowStore(options.DatabasePath!, time),
    };

    private static WorkflowEngineOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<WorkflowEngineOptions>>().Value;

    private static string? FolderPath(string? configured)
    {
        if (configured is { Length: > 0 })
            return Path.GetFullPath(configured);
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } fromEnvironment)
            return Path.GetFullPath(fromEnvironment);
        var sample = Path.GetFullPath(Path.Combine("samples", "workflows"));
        return Directory.Exists(sample) ? sample : null;
    }
}
