using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Web.Chat;

/// <summary>
/// Server-Sent Events to one response: events are queued from the agent's callbacks (which must stay quick and
/// synchronous) and written in order by one writer, each flushed at once so the browser sees every token as it comes.
/// </summary>
internal sealed class SseStream
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues one event; <paramref name="data"/> is written as one line of JSON.</summary>
    public void Send(string name, object data) =>
        _events.Writer.TryWrite($"event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n");

    /// <summary>No more events after the ones queued.</summary>
    public void Complete() => _events.Writer.TryComplete();

    /// <summary>Writes the events to <paramref name="response"/> until <see cref="Complete"/>.</summary>
    public async Task PumpAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await response.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
