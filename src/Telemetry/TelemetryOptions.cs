namespace ClinicalAgent.Telemetry;

/// <summary>The <c>OpenTelemetry</c> section: whether traces and metrics are collected, and where they go.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section, <c>OpenTelemetry</c>.</summary>
    public const string SectionName = "OpenTelemetry";

    /// <summary><c>OpenTelemetry:Enabled</c>: collect traces and metrics at all. Default false: nothing is registered,
    /// no listener subscribes, and instrumented code pays only a null check per span.</summary>
    public bool Enabled { get; set; }

    /// <summary><c>OpenTelemetry:ServiceName</c>: the <c>service.name</c> resource attribute. Default <c>clinicalagent</c>.</summary>
    public string ServiceName { get; set; } = "clinicalagent";

    /// <summary><c>OpenTelemetry:Console</c>: also print every span and metric to standard output, for debugging.
    /// Default false (a command's output would be interleaved with telemetry).</summary>
    public bool Console { get; set; }

    /// <summary><c>OpenTelemetry:SamplingRatio</c>: the share of new traces recorded, 0 to 1 (a parent's decision is
    /// kept). Default 1: every trace.</summary>
    public double SamplingRatio { get; set; } = 1.0;

    /// <summary><c>OpenTelemetry:Otlp:*</c>: the collector. Without an endpoint nothing is exported over OTLP.</summary>
    public OtlpOptions Otlp { get; set; } = new();
}
