using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ClinicalAgent.Telemetry;

/// <summary>OpenTelemetry for every host, by configuration (<c>OpenTelemetry:*</c>); off unless configured.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers tracing and metrics of every <c>ClinicalAgent.*</c> activity source and meter (the agent's
    /// <c>invoke_agent</c>/<c>execute_tool</c>, the model's <c>chat</c> spans and <c>gen_ai.client.*</c> histograms, FHIR
    /// interactions, workflow steps, the served endpoints), ASP.NET Core and HttpClient, as <see cref="TelemetryOptions"/>
    /// (<c>OpenTelemetry:*</c>) says: exported over OTLP when <c>OpenTelemetry:Otlp:Endpoint</c> is set, printed when
    /// <c>OpenTelemetry:Console</c> is true. URL query values and error descriptions never leave the process.
    /// With <c>OpenTelemetry:Enabled</c> false (the default) it registers nothing.
    /// </summary>
    /// <exception cref="ArgumentException">An <c>OpenTelemetry:*</c> value is malformed, naming the key.</exception>
    public static IServiceCollection AddClinicalAgentTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (!options.Enabled)
            return services;

        var otlp = OtlpTarget.From(options.Otlp);
        if (options.SamplingRatio is < 0 or > 1 || double.IsNaN(options.SamplingRatio))
            throw new ArgumentException($"OpenTelemetry:SamplingRatio ({options.SamplingRatio}) must lie between 0 and 1.");
        if (string.IsNullOrWhiteSpace(options.ServiceName))
            throw new ArgumentException("OpenTelemetry:ServiceName must not be empty (default 'clinicalagent').");

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceVersion: typeof(TelemetryOptions).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddSource(TelemetrySources.AllClinicalAgent)
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
                    // Exceptions are not recorded as events: their messages may quote a record.
                    .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                    .AddHttpClientInstrumentation(o => o.RecordException = false)
                    // Before any exporter: processors run in the order they were added.
                    .AddProcessor(new PrivacyProcessor());
                if (otlp is not null)
                    tracing.AddOtlpExporter(o => otlp.Apply(o, "v1/traces"));
                if (options.Console)
                    tracing.AddConsoleExporter();
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(TelemetrySources.AllClinicalAgent)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                    metrics.AddOtlpExporter(o => otlp.Apply(o, "v1/metrics"));
                if (options.Console)
                    metrics.AddConsoleExporter();
            });
        return services;
    }
}
