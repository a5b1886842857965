using System.Diagnostics;

namespace ClinicalAgent.CdsHooks;

/// <summary>
/// The spans of CDS Hooks calls (<c>cds_hooks {service-id}</c>): hook, service id, hook instance, card count and
/// outcome, never a name or a value from the record.
/// </summary>
public static class CdsTelemetry
{
    /// <summary>The ActivitySource name (the telemetry setup listens to <c>ClinicalAgent.*</c>).</summary>
    public const string SourceName = "ClinicalAgent.CdsHooks";

    internal static readonly ActivitySource Source = new(SourceName);

    internal static Activity? Start(string serviceId, string operation) =>
        Source.StartActivity($"cds_hooks {serviceId}", ActivityKind.Server)?
            .SetTag("cds_hooks.service.id", serviceId)
            .SetTag("cds_hooks.operation", operation);
}
