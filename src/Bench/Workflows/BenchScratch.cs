using ClinicalAgent.Fhir.Storage;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.Workflows;

/// <summary>A fresh FHIR store with one patient, a workflow store and an engine, in a temporary folder.</summary>
internal sealed class BenchScratch : IDisposable
{
    public const string PatientId = "B0000001";

    private readonly string _folder = Directory.CreateTempSubdirectory("clinicalagent-bench-wf-").FullName;
    private readonly WorkflowServicesFactory _factory;

    public BenchScratch(params (string Name, string Yaml)[] workflows)
    {
        var folder = Path.Combine(_folder, "workflows");
        Directory.CreateDirectory(folder);
        foreach (var (name, yaml) in workflows)
        {
            File.WriteAllText(Path.Combine(folder, name + ".yaml"), yaml);
        }

        Fhir = new SqliteFhirStore(new FhirStoreOptions { DatabasePath = Path.Combine(_folder, "store.db") });
        Fhir.UpdateAsync(new Patient { Id = PatientId }).GetAwaiter().GetResult();
        Store = new WorkflowStore(WorkflowStore.PathBeside(Fhir.DatabasePath));
        _factory = new WorkflowServicesFactory(Fhir);
        var catalog = WorkflowCatalog.Load(folder);
        Engine = catalog.Errors.Count == 0
            ? new WorkflowEngine(catalog, Store, _factory.Services)
            : throw new InvalidOperationException(string.Join(Environment.NewLine, catalog.Errors));
    }

    public SqliteFhirStore Fhir { get; }

    public WorkflowStore Store { get; }

    public WorkflowEngine Engine { get; }

    public Task AddLabAsync(decimal value) => Fhir.CreateAsync(new Observation
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "2823-3"),
        Subject = new ResourceReference($"Patient/{PatientId}"),
        Effective = new FhirDateTime(DateTimeOffset.UtcNow),
        Value = new Quantity(value, "mmol/L"),
    });

    public void Dispose()
    {
        _factory.Dispose();
        Store.Dispose();
        Fhir.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
