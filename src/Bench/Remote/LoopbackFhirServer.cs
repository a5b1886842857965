using ClinicalAgent.Fhir;
using ClinicalAgent.Fhir.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Bench.Remote;

/// <summary>The product's FHIR REST facade over a store, on a free loopback port: the "remote" server of the benchmark.</summary>
internal sealed class LoopbackFhirServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackFhirServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The FHIR base, ending in a slash.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Serves <paramref name="store"/>; <paramref name="services"/> and <paramref name="app"/> add what a compared
    /// configuration needs (the audit trail, authentication).</summary>
    public static async Task<LoopbackFhirServer> StartAsync(IFhirGateway store, Action<IServiceCollection>? services = null, Action<WebApplication>? app = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(store);
        builder.Services.AddFhirRest();
        services?.Invoke(builder.Services);
        var web = builder.Build();
        app?.Invoke(web);
        web.MapFhirRest();
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new LoopbackFhirServer(web, new Uri($"{address.TrimEnd('/')}/fhir/"));
    }

    /// <summary>Writes out what the server's audit trail still buffers (nothing without one), so its cost is charged to it.</summary>
    public Task FlushAuditAsync() =>
        _app.Services.GetService<Fhir.Audit.IAuditSink>() is { } sink ? sink.FlushAsync() : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
