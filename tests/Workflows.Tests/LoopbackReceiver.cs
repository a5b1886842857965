using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Workflows.Tests;

/// <summary>A real HTTP server on 127.0.0.1 that records webhook POSTs and answers with a settable status.</summary>
internal sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, string? IdempotencyKey)> Received { get; } = new();

    /// <summary>Statuses to answer, in order; 200 once they run out.</summary>
    public ConcurrentQueue<int> Statuses { get; } = new();

    public string Url => _app.Urls.First().TrimEnd('/') + "/hook";

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new LoopbackReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            receiver.Received.Enqueue((await reader.ReadToEndAsync(), context.Request.Headers["Idempotency-Key"].FirstOrDefault()));
            context.Response.StatusCode = receiver.Statuses.TryDequeue(out var status) ? status : 200;
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
