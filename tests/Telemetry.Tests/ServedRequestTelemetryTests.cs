using System.Diagnostics;
using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Rest;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace ClinicalAgent.Telemetry.Tests;

public sealed class ServedRequestTelemetryTests
{
    [Fact]
    public async Task FhirSearchOverHttp_NameAndBirthDateInQuery_ServerAndClientSpansCarryParameterNamesOnly()
    {
        var records = TelemetryTestHost.GenerateRecords();
        var patient = records.OfType<Patient>().First();
        var folder = Directory.CreateTempSubdirectory("clinicalagent-otel-web-").FullName;
        var spans = new List<Activity>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["OpenTelemetry:Enabled"] = "true";
        builder.Configuration["Fhir:Database"] = Path.Combine(folder, "store.db");
        builder.Services.AddClinicalAgentTelemetry(builder.Configuration);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
        builder.Services.AddFhir(builder.Configuration);
        builder.Services.AddFhirRest();
        await using var app = builder.Build();
        app.MapFhirRest();
        await app.StartAsync();
        await app.Services.GetRequiredService<Fhir.Storage.IEmbeddedFhirStore>().LoadAsync(records);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient();
        var family = patient.Name[0].Family;

        using var response = await client.GetAsync($"{address}/fhir/Patient?family={Uri.EscapeDataString(family)}&birthdate={patient.BirthDate}");
        await app.StopAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        var server = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        Assert.Equal("?family=Redacted&birthdate=Redacted", server.GetTagItem("url.query"));
        var outgoing = Assert.Single(spans, s => s.Kind == ActivityKind.Client && s.GetTagItem("url.full") is not null);
        // .NET's own HttpClient span already writes the whole query as '*'; the privacy processor turns that into one word.
        Assert.EndsWith("/fhir/Patient?Redacted", (string)outgoing.GetTagItem("url.full")!);
        Assert.Equal(outgoing.SpanId, server.ParentSpanId);
        var search = Assert.Single(spans, s => s.DisplayName == "fhir search-type Patient");
        Assert.Equal(server.SpanId, search.ParentSpanId);
        Assert.Equal(["birthdate", "family"], (string[])search.GetTagItem("fhir.search.parameters")!);
        Assert.Equal(1, search.GetTagItem("fhir.bundle.entry_count"));
        var values = ExportedValues.Of(spans, []);
        Assert.DoesNotContain(values, v => v.Value.Contains(family, StringComparison.OrdinalIgnoreCase) || v.Value.Contains(patient.BirthDate, StringComparison.Ordinal));
        Directory.Delete(folder, recursive: true);
    }
}
