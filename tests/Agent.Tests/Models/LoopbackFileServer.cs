using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Tests.Models;

/// <summary>
/// A real Kestrel server on 127.0.0.1 serving one byte array at <c>/files/{name}</c>, with Range support
/// that can be switched off, a forced status, and a connection dropped once after some bytes.
/// </summary>
internal sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _dropped;

    public LoopbackFileServer(byte[] content)
    {
        Content = content;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/files/{name}", ServeAsync);
    }

    public byte[] Content { get; }

    public bool SupportsRange { get; init; } = true;

    public int? Status { get; init; }

    /// <summary>When set, the first response stops after this many bytes and the connection is aborted.</summary>
    public int? DropAfterBytes { get; init; }

    /// <summary>Range and Authorization headers of each request, in order ("" when absent).</summary>
    public ConcurrentQueue<(string Range, string Authorization)> Requests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public string UrlOf(string name) => $"{BaseUrl}/files/{name}";

    public async Task<LoopbackFileServer> StartAsync()
    {
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var range = context.Request.Headers.Range.ToString();
        Requests.Enqueue((range, context.Request.Headers.Authorization.ToString()));
        if (Status is { } status)
        {
            context.Response.StatusCode = status;
            return;
        }

        long from = 0;
        if (SupportsRange && RangeHeaderValue.TryParse(range, out var parsed) && parsed.Ranges.Single().From is { } start)
        {
            from = start;
            context.Response.StatusCode = StatusCodes.Status206PartialContent;
            context.Response.Headers.ContentRange = $"bytes {from}-{Content.Length - 1}/{Content.Length}";
        }

        context.Response.ContentLength = Content.Length - from;
        var body = Content.AsMemory((int)from);
        if (DropAfterBytes is { } drop && Interlocked.Exchange(ref _dropped, 1) == 0)
        {
            await context.Response.Body.WriteAsync(body[..drop]);
            await context.Response.Body.FlushAsync();
            // Give the client time to read what was sent: an abort's RST can discard unread bytes.
            await Task.Delay(300);
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(body);
    }
}
