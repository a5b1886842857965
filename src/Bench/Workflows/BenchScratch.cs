using ClinicalAgent.Bench.Hosting;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Workflows.Definitions;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using ClinicalAgent.Workflows.Persistence;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Bench.Workflows;

/// <summary>A fresh FHIR store with one patient, a workflow store and an engine, in a <see cref="BenchFolder"/>, composed by
/// the product's own registrations (<c>AddFhir</c>, <c>AddClinicalTools</c>, <c>AddWorkflows</c>).</summary>
internal sealed class BenchScratch : IDisposable
{
    public const string PatientId = "B0000001";

    private readonly BenchFolder _folder = BenchFolder.Create("clinicalagent-bench-wf-");
    private readonly ServiceProvider _services;

    public BenchScratch(params (string Name, string Yaml)[] workflows)
    {
        var folder = _folder.PathOf("workflows");
        Directory.CreateDirectory(folder);
        foreach (var (name, yaml) in workflows)
        {
            File.WriteAllText(Path.Combine(folder, name + ".yaml"), yaml);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fhir:Database"] = _folder.PathOf("store.db"),
            ["Workflows:Folder"] = folder,
        }).Build();
        _services = new ServiceCollection().AddFhir(configuration).AddClinicalTools(configuration).AddWorkflows(configuration).BuildServiceProvider();
        Fhir = _services.GetRequiredService<IFhirGateway>();
        Changes = _services.GetRequiredService<IFhirChangeFeed>();
        Fhir.UpdateAsync(new Patient { Id = PatientId }).GetAwaiter().GetResult();
        var catalog = _services.GetRequiredService<WorkflowCatalog>();
        Engine = catalog.Errors.Count == 0
            ? _services.GetRequiredService<WorkflowEngine>()
            : throw new InvalidOperationException(string.Join(Environment.NewLine, catalog.Errors));
        Store = _services.GetRequiredService<IWorkflowStore>();
    }

    public IFhirGateway Fhir { get; }

    public IFhirChangeFeed Changes { get; }

    public IWorkflowStore Store { get; }

    public WorkflowEngine Engine { get; }

    public Task<FhirWriteResult> AddLabAsync(decimal value) => Fhir.CreateAsync(new Observation
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "2823-3"),
        Subject = new ResourceReference($"Patient/{PatientId}"),
        Effective = new FhirDateTime(DateTimeOffset.UtcNow),
        Value = new Quantity(value, "mmol/L"),
    });

    public void Dispose()
    {
        _services.Dispose();
        _folder.Dispose();
    }
}
