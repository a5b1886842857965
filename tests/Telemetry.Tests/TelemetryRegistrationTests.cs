using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ClinicalAgent.Telemetry.Tests;

public sealed class TelemetryRegistrationTests
{
    [Fact]
    public void AddClinicalAgentTelemetry_NotConfigured_RegistersNothingAndNothingListens()
    {
        var services = new ServiceCollection();

        services.AddClinicalAgentTelemetry(Configuration());
        using var provider = services.BuildServiceProvider();
        using var source = new ActivitySource("ClinicalAgent.Fhir");
        using var meter = new Meter("ClinicalAgent.Model");
        var histogram = meter.CreateHistogram<int>("gen_ai.client.token.usage");

        Assert.Empty(services);
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
        Assert.False(source.HasListeners());
        Assert.False(histogram.Enabled);
    }

    [Fact]
    public void AddClinicalAgentTelemetry_EnabledFalse_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddClinicalAgentTelemetry(Configuration(("OpenTelemetry:Enabled", "false"), ("OpenTelemetry:Otlp:Endpoint", "http://127.0.0.1:4317")));

        Assert.Empty(services);
    }

    [Fact]
    public void AddClinicalAgentTelemetry_Enabled_ClinicalAgentSourcesAndMetersListenedTo()
    {
        var services = new ServiceCollection();
        services.AddClinicalAgentTelemetry(Configuration(("OpenTelemetry:Enabled", "true")));
        // Without a reader the SDK enables no instrument; an exporter of this test's own stands in for a collector.
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(new List<MetricSnapshot>()));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<TracerProvider>();
        provider.GetRequiredService<MeterProvider>();
        using var clinical = new ActivitySource("ClinicalAgent.Workflows");
        using var other = new ActivitySource("Someone.Else");
        using var meter = new Meter("ClinicalAgent.Model");
        var histogram = meter.CreateHistogram<int>("gen_ai.client.token.usage");

        Assert.True(clinical.HasListeners());
        Assert.False(other.HasListeners());
        Assert.True(histogram.Enabled);
        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Theory]
    [InlineData("OpenTelemetry:Otlp:Endpoint", "localhost:4317", "OpenTelemetry:Otlp:Endpoint")]
    [InlineData("OpenTelemetry:Otlp:Protocol", "thrift", "OpenTelemetry:Otlp:Protocol")]
    [InlineData("OpenTelemetry:SamplingRatio", "1.5", "OpenTelemetry:SamplingRatio")]
    public void AddClinicalAgentTelemetry_MalformedSetting_RefusedNamingTheKey(string key, string value, string named)
    {
        var configuration = Configuration(("OpenTelemetry:Enabled", "true"), ("OpenTelemetry:Otlp:Endpoint", "http://127.0.0.1:4317"), (key, value));

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddClinicalAgentTelemetry(configuration));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http/protobuf", "http://collector:4318", "http://collector:4318/v1/traces", OtlpExportProtocol.HttpProtobuf)]
    [InlineData("http/protobuf", "http://collector:4318/v1/traces", "http://collector:4318/v1/traces", OtlpExportProtocol.HttpProtobuf)]
    [InlineData("grpc", "http://collector:4317", "http://collector:4317/", OtlpExportProtocol.Grpc)]
    public void Apply_Protocol_EndpointAsTheCollectorExpects(string protocol, string endpoint, string expected, OtlpExportProtocol wire)
    {
        var target = OtlpTarget.From(new OtlpOptions { Endpoint = endpoint, Protocol = protocol })!;
        var exporter = new OtlpExporterOptions();

        target.Apply(exporter, "v1/traces");

        Assert.Equal(new Uri(expected), exporter.Endpoint);
        Assert.Equal(wire, exporter.Protocol);
    }

    [Fact]
    public void From_NoEndpoint_NoTarget()
    {
        Assert.Null(OtlpTarget.From(new OtlpOptions { Protocol = "grpc" }));
    }

    /// <summary>The settings given; a later value of a key replaces an earlier one.</summary>
    private static IConfiguration Configuration(params (string Key, string Value)[] values)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var (key, value) in values)
            settings[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }
}
