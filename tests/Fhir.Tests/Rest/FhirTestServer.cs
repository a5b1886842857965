using ClinicalAgent.Fhir.Rest;
using ClinicalAgent.Fhir.Rest.DicomWeb;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Tests.Rest;

/// <summary>Kestrel on a free loopback port serving <c>MapFhirRest()</c> and <c>MapDicomWeb()</c> over the given gateway.</summary>
public sealed class FhirTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FhirTestServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    /// <summary>The FHIR base with a trailing slash, e.g. <c>http://127.0.0.1:41234/fhir/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>An HttpClient whose base address is <see cref="BaseUrl"/>.</summary>
    public HttpClient Client { get; }

    /// <summary>The server's services (an audit sink, the options a test configured).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Stops the host, leaving its services to <see cref="DisposeAsync"/>.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <summary>Starts a server; <paramref name="loggerProvider"/> receives its logs when given.</summary>
    public static async Task<FhirTestServer> StartAsync(
        IFhirGateway gateway, ILoggerProvider? loggerProvider = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        if (loggerProvider is not null)
        {
            builder.Logging.AddProvider(loggerProvider);
        }

        builder.Services.AddSingleton(gateway);
        builder.Services.AddFhirRest();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapFhirRest();
        app.MapDicomWeb();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FhirTestServer(app, new Uri($"{address.TrimEnd('/')}/fhir/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
