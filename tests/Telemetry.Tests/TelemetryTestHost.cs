using System.Diagnostics;
using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Runtime;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Fhir.Synthetic;
using ClinicalAgent.Tools;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.TestKit;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClinicalAgent.Telemetry.Tests;

/// <summary>
/// The product's registrations with telemetry on (<c>OpenTelemetry:Enabled</c>) and in-memory exporters added beside
/// them: the embedded store in a temporary folder seeded with generated patients, the tools, the agent loop over a
/// scripted model behind the real telemetry decorator, and the workflows of <paramref name="workflows"/>.
/// </summary>
internal sealed class TelemetryTestHost : IAsyncDisposable
{
    public const string Provider = "scripted";
    public const string Model = "scripted-model";

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-otel-").FullName;

    /// <param name="chat">The model; null for one that must not be asked.</param>
    /// <param name="modelTelemetry">Replaces the product's <c>UseChatModelTelemetry()</c> on the model (a test's control run); null keeps it.</param>
    /// <param name="workflows">Workflow definitions to write into the workflow folder.</param>
    public TelemetryTestHost(IChatClient? chat = null, Func<ChatClientBuilder, ChatClientBuilder>? modelTelemetry = null, params (string Name, string Yaml)[] workflows)
    {
        var workflowFolder = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(workflowFolder);
        foreach (var (name, yaml) in workflows)
            File.WriteAllText(Path.Combine(workflowFolder, name + ".yaml"), yaml);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Enabled"] = "true",
            ["Fhir:Database"] = Path.Combine(_folder, "store.db"),
            ["Workflows:Folder"] = workflowFolder,
            ["Workflows:Database"] = Path.Combine(_folder, "workflows.db"),
        }).Build();

        var services = new ServiceCollection().AddLogging();
        services.AddClinicalAgentTelemetry(configuration);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
        services.AddFhir(configuration);
        services.AddClinicalTools(configuration);
        var model = services.AddChatClient(new NamedModel(chat ?? new ScriptedChatClient(), Provider, Model));
        _ = modelTelemetry is null ? model.UseChatModelTelemetry() : modelTelemetry(model);
        services.AddClinicalAgentRunner();
        services.AddWorkflows(configuration);
        Services = services.BuildServiceProvider();

        // Without a host nothing starts the providers; resolving them does.
        Tracer = Services.GetRequiredService<TracerProvider>();
        Meter = Services.GetRequiredService<MeterProvider>();
    }

    public ServiceProvider Services { get; }

    public TracerProvider Tracer { get; }

    public MeterProvider Meter { get; }

    public List<Activity> Spans { get; } = [];

    public List<MetricSnapshot> Metrics { get; } = [];

    public IReadOnlyList<Resource> Records { get; private set; } = [];

    public IReadOnlyList<AIFunction> Tools => Services.GetRequiredService<ClinicalToolbox>().Functions;

    /// <summary>Three generated patients (no images), the same on every call, so a script can name them before the store holds them.</summary>
    public static IReadOnlyList<Resource> GenerateRecords() =>
        [.. new SyntheticPatientGenerator(new SyntheticOptions(3, 11, new DateTimeOffset(2024, 3, 4, 9, 0, 0, TimeSpan.Zero), Images: false)).Generate()];

    /// <summary>Loads <paramref name="records"/> (default: <see cref="GenerateRecords"/>) into the store; they are kept for tests to read what is private.</summary>
    public async Task<TelemetryTestHost> SeedAsync(IReadOnlyList<Resource>? records = null)
    {
        Records = records ?? GenerateRecords();
        await Services.GetRequiredService<IEmbeddedFhirStore>().LoadAsync(Records);
        await Services.GetRequiredService<IEmbeddedFhirStore>().SetSettingAsync(IDatasetClock.NowSetting, "2024-03-04T09:00:00Z");
        return this;
    }

    /// <summary>Collects the metrics recorded so far into <see cref="Metrics"/>.</summary>
    public void FlushMetrics()
    {
        Metrics.Clear();
        Meter.ForceFlush();
    }

    public IReadOnlyList<Activity> Named(string prefix) => [.. Spans.Where(s => s.DisplayName.StartsWith(prefix, StringComparison.Ordinal))];

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may release a file a moment later; a leftover temp folder is harmless.
        }
    }
}
