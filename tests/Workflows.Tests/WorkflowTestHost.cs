using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Microsoft.Extensions.AI;

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
    private WorkflowServicesFactory? _factory;

    public WorkflowTestHost(Func<IChatClient>? chat = null, params (string Name, string Yaml)[] workflows)
    {
        _chat = chat;
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

    public SqliteFhirStore Fhir { get; private set; } = null!;

    public WorkflowStore Store { get; private set; } = null!;

    public WorkflowEngine Engine { get; private set; } = null!;

    public WorkflowServices Services => _factory!.Services;

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

    private void Open()
    {
        Fhir = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = FhirPath });
        Store = new WorkflowStore(WorkflowStore.PathBeside(FhirPath));
        _factory = new WorkflowServicesFactory(Fhir, _chat);
        var catalog = WorkflowCatalog.Load(WorkflowsFolder);
        if (catalog.Errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, catalog.Errors));
        }

        Engine = new WorkflowEngine(catalog, Store, _factory.Services, new WorkflowEngineOptions { PollInterval = TimeSpan.FromMilliseconds(20) });
    }

    private void Close()
    {
        _factory?.Dispose();
        Store?.Dispose();
        Fhir?.Dispose();
    }
}
