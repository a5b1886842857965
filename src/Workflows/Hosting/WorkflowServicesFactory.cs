using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Time;
using ClinicalAgent.Workflows.Engine;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Workflows.Hosting;

/// <summary>
/// Builds <see cref="WorkflowServices"/> over a gateway: the clinical clock and tools of <c>AddClinicalTools</c>
/// (writes by the model stay proposals: the default Deny policy; workflows write through fhir_write after approval).
/// </summary>
public sealed class WorkflowServicesFactory : IDisposable
{
    private readonly ServiceProvider _provider;
    private readonly Lazy<IReadOnlyList<AIFunction>> _tools;
    private readonly HttpClient _http;

    public WorkflowServicesFactory(IFhirGateway gateway, Func<IChatClient>? chatClient = null, TimeProvider? time = null, TimeSpan? webhookTimeout = null)
    {
        var clock = time ?? TimeProvider.System;
        _provider = new ServiceCollection().AddSingleton(gateway).AddSingleton(clock).AddClinicalTools().BuildServiceProvider();
        _tools = new Lazy<IReadOnlyList<AIFunction>>(() => ClinicalToolsPlugin.CreateModelFunctions(_provider, new Kernel(_provider)));
        _http = new HttpClient { Timeout = webhookTimeout ?? TimeSpan.FromSeconds(10) };
        var clinicalClock = new ClinicalClock(gateway, _provider.GetRequiredService<IOptions<ClinicalToolsOptions>>(), clock);
        Services = new WorkflowServices(gateway, clinicalClock.GetNowAsync, chatClient, () => _tools.Value, _http, clock);
    }

    public WorkflowServices Services { get; }

    public void Dispose()
    {
        _http.Dispose();
        _provider.Dispose();
    }
}
