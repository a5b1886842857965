using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Workflows.Engine;
using ClinicalAgent.Workflows.Hosting;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Bench.Remote;

/// <summary>The product's workflow host over a remote server (composed by the same <c>AddXxx</c> calls as the CLI), with one FHIR-triggered workflow.</summary>
internal sealed class RemoteWorkflowScope : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private RemoteWorkflowScope(ServiceProvider services)
    {
        _services = services;
        Engine = services.GetRequiredService<WorkflowEngine>();
        Host = services.GetRequiredService<WorkflowHost>();
    }

    public WorkflowEngine Engine { get; }

    public WorkflowHost Host { get; }

    public static RemoteWorkflowScope Create(Uri baseUrl, string folder, TimeSpan poll)
    {
        var definitions = Path.Combine(folder, "workflows");
        Directory.CreateDirectory(definitions);
        File.WriteAllText(Path.Combine(definitions, "triggered.yaml"), ClinicalAgent.Bench.Workflows.BenchWorkflows.Triggered);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fhir:BaseUrl"] = baseUrl.AbsoluteUri,
            ["Workflows:Folder"] = definitions,
            ["Workflows:Database"] = Path.Combine(folder, "workflows.db"),
            ["Workflows:RemotePollInterval"] = poll.ToString(),
        }).Build();
        return new RemoteWorkflowScope(new ServiceCollection().AddFhir(configuration).AddClinicalTools(configuration).AddWorkflows(configuration).BuildServiceProvider());
    }

    public static Observation Lab(string patientId) => new()
    {
        Status = ObservationStatus.Final,
        Code = new CodeableConcept("http://loinc.org", "2823-3"),
        Subject = new ResourceReference($"Patient/{patientId}"),
        Effective = new FhirDateTime(DateTimeOffset.UtcNow),
        Value = new Quantity(3.1m, "mmol/L"),
    };

    /// <summary>Stops the host (the container owns it) and everything else the container made.</summary>
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
