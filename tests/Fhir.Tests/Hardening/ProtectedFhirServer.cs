using ClinicalAgent.Fhir.Rest;
using ClinicalAgent.Security.Hardening;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Tests.Hardening;

/// <summary>Kestrel on a free loopback port serving <c>/fhir</c> over a store of its own behind <c>UseServedEndpointProtection</c>, configured by <c>Server:*</c> settings.</summary>
public sealed class ProtectedFhirServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempStore _store;

    private ProtectedFhirServer(WebApplication app, TempStore store, Uri root)
    {
        _app = app;
        _store = store;
        Root = root;
        Client = new HttpClient { BaseAddress = root };
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Root { get; }

    public HttpClient Client { get; }

    public TempStore Store => _store;

    /// <summary>Starts a server with the given settings (rate limiting off unless they set it) and, when given, a fake clock.</summary>
    public static async Task<ProtectedFhirServer> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var store = new TempStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Server:RateLimit:PermitsPerSecond"] = "0" });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        if (time is not null)
            builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<IFhirGateway>(store.Store);
        builder.Services.AddFhirRest();
        builder.Services.AddServedEndpointProtection(builder.Configuration);

        var app = builder.Build();
        app.UseServedEndpointProtection();
        app.MapFhirRest();
        await app.StartAsync();
        return new ProtectedFhirServer(app, store, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
    }
}
