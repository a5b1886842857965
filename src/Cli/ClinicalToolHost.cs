using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Cli;

/// <summary>
/// The FHIR tools over a store, as the model sees them (bare snake_case names), for <c>ask</c>, <c>chat</c> and
/// <c>tools</c>; writes follow the approval mode it is built with.
/// </summary>
public sealed class ClinicalToolHost : IDisposable
{
    private readonly ServiceProvider _services;

    public ClinicalToolHost(IFhirGateway gateway, ApprovalMode writeApproval = ApprovalMode.Deny)
    {
        _services = new ServiceCollection()
            .AddSingleton(gateway)
            .AddClinicalTools(o => o.WriteApproval = writeApproval)
            .BuildServiceProvider();
        Functions = ClinicalToolsPlugin.CreateModelFunctions(_services, new Kernel(_services));
        WriteApproval = writeApproval;
    }

    public IReadOnlyList<AIFunction> Functions { get; }

    /// <summary>What the write tools may do.</summary>
    public ApprovalMode WriteApproval { get; }

    /// <summary>The writes waiting for the user when <see cref="WriteApproval"/> is Ask (empty otherwise).</summary>
    public QueuedApprovalPolicy Approvals => _services.GetRequiredService<QueuedApprovalPolicy>();

    public void Dispose() => _services.Dispose();
}
