using OpenTelemetry.Exporter;

namespace ClinicalAgent.Telemetry;

/// <summary>A checked <see cref="OtlpOptions"/>: the collector's base URL and protocol.</summary>
internal sealed record OtlpTarget(Uri BaseUrl, OtlpExportProtocol Protocol, string? Headers)
{
    /// <summary>The collector <paramref name="options"/> name, or null when no endpoint is set.</summary>
    /// <exception cref="ArgumentException">The endpoint is not an absolute http(s) URL, or the protocol is unknown.</exception>
    public static OtlpTarget? From(OtlpOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Endpoint))
            return null;
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"OpenTelemetry:Otlp:Endpoint '{options.Endpoint}' is not an absolute http(s) URL, such as http://127.0.0.1:4317.");
        var protocol = options.Protocol?.Trim().ToLowerInvariant() switch
        {
            OtlpOptions.Grpc => OtlpExportProtocol.Grpc,
            OtlpOptions.HttpProtobuf => OtlpExportProtocol.HttpProtobuf,
            _ => throw new ArgumentException($"OpenTelemetry:Otlp:Protocol '{options.Protocol}' is unknown; use '{OtlpOptions.Grpc}' or '{OtlpOptions.HttpProtobuf}'."),
        };
        return new OtlpTarget(uri, protocol, options.Headers);
    }

    /// <summary>Points an exporter at this collector; over http/protobuf at the signal's own path (<paramref name="signalPath"/>),
    /// which the exporter does not add to an endpoint given in code.</summary>
    public void Apply(OtlpExporterOptions exporter, string signalPath)
    {
        exporter.Protocol = Protocol;
        exporter.Endpoint = Protocol == OtlpExportProtocol.HttpProtobuf ? SignalUrl(signalPath) : BaseUrl;
        if (!string.IsNullOrWhiteSpace(Headers))
            exporter.Headers = Headers;
    }

    /// <summary>The base URL with <paramref name="signalPath"/> appended, unless it already ends with it.</summary>
    internal Uri SignalUrl(string signalPath)
    {
        var text = BaseUrl.AbsoluteUri.TrimEnd('/');
        return text.EndsWith("/" + signalPath, StringComparison.OrdinalIgnoreCase) ? BaseUrl : new Uri(text + "/" + signalPath);
    }
}
