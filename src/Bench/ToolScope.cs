using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Bench;

/// <summary>The product's tools over one gateway, composed by <c>AddClinicalTools</c> in a container of the benchmark's own.</summary>
internal sealed class ToolScope : IDisposable
{
    private readonly ServiceProvider _services;

    public ToolScope(IFhirGateway gateway, Action<ClinicalToolsOptions>? configure = null)
    {
        var services = new ServiceCollection().AddSingleton(gateway);
        if (gateway is IDatasetClock dataset)
            services.AddSingleton(dataset);
        _services = services.AddClinicalTools(configure).BuildServiceProvider();
        Toolbox = _services.GetRequiredService<ClinicalToolbox>();
    }

    public ClinicalToolbox Toolbox { get; }

    /// <summary>The container the tools were composed in.</summary>
    public IServiceProvider Services => _services;

    public void Dispose() => _services.Dispose();
}
