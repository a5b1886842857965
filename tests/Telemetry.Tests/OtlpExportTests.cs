using System.Text;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace ClinicalAgent.Telemetry.Tests;

public sealed class OtlpExportTests
{
    [Fact]
    public async Task ForceFlush_HttpProtobufEndpoint_CollectorReceivesTheSpansAtTheTracesPath()
    {
        var received = new List<(string Path, string? ContentType, byte[] Body)>();
        await using var collector = await StartCollectorAsync(received);
        var address = collector.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var folder = Directory.CreateTempSubdirectory("clinicalagent-otel-otlp-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenTelemetry:Enabled"] = "true",
            ["OpenTelemetry:ServiceName"] = "clinicalagent-otlp-test",
            ["OpenTelemetry:Otlp:Endpoint"] = address,
            ["OpenTelemetry:Otlp:Protocol"] = "http/protobuf",
            ["Fhir:Database"] = Path.Combine(folder, "store.db"),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddClinicalAgentTelemetry(configuration).AddFhir(configuration);
        await using (var provider = services.BuildServiceProvider())
        {
            var tracer = provider.GetRequiredService<TracerProvider>();
            await provider.GetRequiredService<IFhirGateway>().SearchAsync("Patient", SearchQuery.Parse("family=Lopez"));

            Assert.True(tracer.ForceFlush(10_000));
        }

        // The flush sends the FHIR span; the shutdown may send another batch (the stand-in's own server spans, which
        // the process-wide ASP.NET Core source also reports).
        var traces = received.Where(r => r.Path == "/v1/traces").ToList();
        Assert.NotEmpty(traces);
        Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
        var body = string.Concat(traces.Select(t => Encoding.UTF8.GetString(t.Body)));
        Assert.Contains("fhir search-type Patient", body, StringComparison.Ordinal);
        Assert.Contains("clinicalagent-otlp-test", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Lopez", body, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A stand-in OpenTelemetry collector on a free loopback port that keeps what it is sent and answers 200.</summary>
    private static async Task<WebApplication> StartCollectorAsync(List<(string, string?, byte[])> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            lock (received)
                received.Add((context.Request.Path.Value!, context.Request.ContentType, body.ToArray()));
            return Results.Ok();
        });
        await app.StartAsync();
        return app;
    }
}
