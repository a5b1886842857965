using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>The test EHR's JWKS endpoint on Kestrel at 127.0.0.1:0 (<c>/jwks</c>), counting how often it is fetched.</summary>
internal sealed class JwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _fetches;

    private JwksServer(WebApplication app) => _app = app;

    /// <summary>The JWKS served now (a test may rotate it).</summary>
    public Func<string> Document { get; set; } = () => "{\"keys\":[]}";

    public string Url => _app.Urls.First().TrimEnd('/') + "/jwks";

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<JwksServer> StartAsync(Func<string> document)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new JwksServer(app) { Document = document };
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref server._fetches);
            return Results.Text(server.Document(), "application/json");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
