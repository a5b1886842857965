using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Audit;
using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Tools;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Workflows.Tests;

/// <summary>
/// A FHIR store, a workflow store and an engine over workflow files in a fresh temporary folder. <see cref="Restart"/>
/// closes everything and opens it again from disk, as a new process would.
/// </summary>
public sealed class WorkflowTestHost : IDisposable
{
    public const string PatientId = "S0000001";

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-wf-").FullName;
    private readonly Func<IChatClient>? _chat;
    private readonly TimeProvider? _time;
    private readonly Action<IServiceCollection>? _extra;
    private ServiceProvider? _services;

    public WorkflowTestHost(Func<IChatClient>? chat = null, params (string Name, string Yaml)[] workflows)
        : this(chat, null, workflows)
    {
    }

    /// <summary>A host whose engine, store and steps run on <paramref name="time"/> (a fake clock in tests of waits).</summary>
    public WorkflowTestHost(Func<IChatClient>? chat, TimeProvider? time, params (string Name, string Yaml)[] workflows)
        : this(chat, time, null, workflows)
    {
    }

    /// <summary>A host with <paramref name="services"/> registering more (an image classifier) before the product's registrations are built.</summary>
    public WorkflowTestHost(Func<IChatClient>? chat, TimeProvider? time, Action<IServiceCollection>? services, params (string Name, string Yaml)[] workflows)
    {
        _chat = chat;
        _extra = services;
        _time = time;
        WorkflowsFolder = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(WorkflowsFolder);
        foreach (var (name, yaml) in workflows)
        {
            File.WriteAllText(Path.Combine(WorkflowsFolder, name + ".yaml"), yaml);
        }

        FhirPath = Path.Combine(_folder, "store.db");
        Open();
    }

    public string WorkflowsFolder { get; }

    public string FhirPath { get; }

    public IEmbeddedFhirStore Fhir { get; private set; } = null!;

    public IWorkflowStore Store { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public WorkflowServices Services => _services!.GetRequiredService<WorkflowServices>();

    /// <summary>The AuditEvents written so far (after a flush); the audit store sits beside the FHIR store.</summary>
    public async Task<IReadOnlyList<AuditEvent>> AuditEventsAsync()
    {
        await _services!.GetRequiredService<IAuditSink>().FlushAsync();
        var bundle = await _services!.GetRequiredService<AuditLog>().SearchAsync(ClinicalAgent.Fhir.Search.SearchQuery.Parse("_count=1000"));
        return bundle.Entry.Select(e => e.Resource).OfType<AuditEvent>().ToList();
    }

    public static WorkflowTestHost With(params (string Name, string Yaml)[] workflows) => new(null, workflows);

    /// <summary>Closes the stores and the engine and opens them again from the same files.</summary>
    public void Restart()
    {
        Close();
        Open();
    }

    public async Task<Patient> AddPatientAsync(string id = PatientId)
    {
        var patient = new Patient { Id = id, Name = [new HumanName { Family = "Test", Given = ["Pat"] }], BirthDate = "1960-01-01" };
        return (Patient)(await Fhir.UpdateAsync(patient)).Resource;
    }

    public async Task<Observation> AddLabAsync(string loinc, decimal value, string unit, string patientId = PatientId)
    {
        var observation = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", loinc),
            Subject = new ResourceReference($"Patient/{patientId}"),
            Effective = new FhirDateTime(DateTimeOffset.UtcNow),
            Value = new Quantity(value, unit),
        };
        return (Observation)(await Fhir.CreateAsync(observation)).Resource;
    }

    /// <summary>How many resources of <paramref name="type"/> carry the identifier system of workflow writes.</summary>
    public async Task<int> CountAsync(string type, string query = "")
    {
        var bundle = await Fhir.SearchAsync(type, ClinicalAgent.Fhir.Search.SearchQuery.Parse(query));
        return bundle.Entry.Count(e => e.Resource?.TypeName == type);
    }

    public void Dispose()
    {
        Close();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; a leftover temp folder is harmless.
        }
    }

    /// <summary>The product's registrations (<c>AddClinicalTools</c>, <c>AddWorkflows</c>) over this host's store and model.</summary>
    private void Open()
    {
        Fhir = EmbeddedFhirStore.Open(new FhirStoreOptions { DatabasePath = FhirPath });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fhir:Database"] = FhirPath,
            ["Workflows:Folder"] = WorkflowsFolder,
            ["Workflows:PollInterval"] = "00:00:00.020",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IFhirGateway>(Fhir)
            .AddSingleton<IFhirChangeFeed>(Fhir)
            .AddSingleton<IDatasetClock>(Fhir)
            .AddClinicalTools(configuration)
            .AddAudit(configuration);
        if (_chat is not null)
            services.AddSingleton<IChatClient>(_ => new SharedChatClient(_chat()));
        if (_time is not null)
            services.AddSingleton(_time);
        _extra?.Invoke(services);
        _services = services.AddOptions().AddWorkflows(configuration).BuildServiceProvider();
        var catalog = _services.GetRequiredService<WorkflowCatalog>();
        if (catalog.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, catalog.Errors));
        }

        Store = _services.GetRequiredService<IWorkflowStore>();
        Engine = _services.GetRequiredService<WorkflowEngine>();
    }

    private void Close()
    {
        _services?.Dispose();
        Fhir?.Dispose();
    }
}
