namespace ClinicalAgent.Telemetry;

/// <summary>The <c>OpenTelemetry:Otlp</c> section: an OpenTelemetry Protocol collector to export to.</summary>
public sealed class OtlpOptions
{
    /// <summary>The <c>grpc</c> protocol (collector port 4317).</summary>
    public const string Grpc = "grpc";

    /// <summary>The <c>http/protobuf</c> protocol (collector port 4318, paths <c>/v1/traces</c> and <c>/v1/metrics</c>).</summary>
    public const string HttpProtobuf = "http/protobuf";

    /// <summary><c>OpenTelemetry:Otlp:Endpoint</c>: the collector's base URL, e.g. <c>http://127.0.0.1:4317</c> (grpc) or
    /// <c>http://127.0.0.1:4318</c> (http/protobuf; the signal paths are appended). Default unset: no OTLP exporter.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>OpenTelemetry:Otlp:Protocol</c>: <c>grpc</c> or <c>http/protobuf</c>. Default <c>grpc</c>.</summary>
    public string Protocol { get; set; } = Grpc;

    /// <summary><c>OpenTelemetry:Otlp:Headers</c>: headers for the collector as <c>key=value</c> pairs separated by
    /// commas (an API key of a hosted backend). Default unset.</summary>
    public string? Headers { get; set; }
}
