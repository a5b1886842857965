using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Cli;

/// <summary>The FHIR tools over a store, as the model sees them (bare snake_case names), for <c>ask</c> and <c>tools</c>.</summary>
public sealed class ClinicalToolHost : IDisposable
{
    private readonly ServiceProvider _services;

    public ClinicalToolHost(IFhirGateway gateway)
    {
        _services = new ServiceCollection()
            .AddSingleton(gateway)
            .AddClinicalTools()
            .BuildServiceProvider();
        Functions = ClinicalToolsPlugin.CreateModelFunctions(_services, new Kernel(_services));
    }

    public IReadOnlyList<AIFunction> Functions { get; }

    public void Dispose() => _services.Dispose();
}
