using System.Collections.Concurrent;
using ClinicalAgent.Fhir;
using ClinicalAgent.Tools;
using ClinicalAgent.Tools.Writes;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Web.Remote;

/// <summary>
/// The services a session's tools resolve, over the host's: <see cref="IFhirGateway"/> is the session's gateway to the
/// other EHR, and every class of the tools library (records, plugins, image lookup, the approval queue, the toolbox)
/// is made once for this session over it; all else (options, time, logging, the model, the audit trail) is the host's.
/// Cheaper than a container per session and exact: the tools' own constructors decide what they need.
/// </summary>
/// <remarks>
/// The embedded store's data-set clock is not the other EHR's: the session's tools read "now" from the settings or the
/// system clock. A write policy that is not Ask (allow, record, deny) holds no gateway and stays the host's.
/// </remarks>
internal sealed class SessionToolServices(IServiceProvider host, IFhirGateway gateway) : IServiceProvider
{
    private static readonly System.Reflection.Assembly ToolsAssembly = typeof(ClinicalToolbox).Assembly;

    private readonly ConcurrentDictionary<Type, Lazy<object>> _own = new();

    public object? GetService(Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceType == typeof(IServiceProvider))
            return this;
        if (serviceType == typeof(IFhirGateway))
            return gateway;
        if (serviceType == typeof(IDatasetClock))
            return null;
        if (serviceType == typeof(IApprovalPolicy))
            return host.GetService<IApprovalPolicy>() is QueuedApprovalPolicy ? GetService(typeof(QueuedApprovalPolicy)) : host.GetService<IApprovalPolicy>();
        if (serviceType.Assembly == ToolsAssembly && serviceType is { IsClass: true, IsAbstract: false } && host.GetService<IServiceProviderIsService>()?.IsService(serviceType) == true)
            return _own.GetOrAdd(serviceType, type => new Lazy<object>(() => ActivatorUtilities.CreateInstance(this, type))).Value;
        return host.GetService(serviceType);
    }
}
