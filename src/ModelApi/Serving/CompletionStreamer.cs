using System.Buffers;
using System.Text;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.ModelApi.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Serving;

/// <summary>
/// Streams a completion as server-sent events: <c>data: {chunk}</c> lines (the role, the answer's pieces with their
/// log-probabilities, the calls once complete, the finish reason, the usage when <c>stream_options.include_usage</c>),
/// then <c>data: [DONE]</c>. The first update is awaited before any byte is sent, so a request the runtime refuses
/// (context overflow, an image without a projector) still gets a proper status and error JSON. Output that does not
/// conform to the request's schemas ends the stream with an error event instead of <c>[DONE]</c>.
/// </summary>
internal sealed class CompletionStreamer(HttpResponse response, CompletionIdentity identity)
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private readonly ArrayBufferWriter<byte> _buffer = new();

    public async Task<CompletionOutcome> StreamAsync(IChatClient client, ChatCompletionRequest request, CancellationToken cancellationToken)
    {
        await using var updates = client.GetStreamingResponseAsync(request.Messages, request.Options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var more = await updates.MoveNextAsync().ConfigureAwait(false);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        await WriteAsync(json => ChunkWriter.Write(json, identity, ChunkWriter.Role), cancellationToken).ConfigureAwait(false);

        var stop = new StopSequenceFilter(request.Stop);
        var content = new StringBuilder();
        var calls = new List<FunctionCallContent>();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;
        for (; more; more = await updates.MoveNextAsync().ConfigureAwait(false))
        {
            var update = updates.Current;
            calls.AddRange(update.Contents.OfType<FunctionCallContent>());
            usage = update.Contents.OfType<UsageContent>().LastOrDefault()?.Details ?? usage;
            finish = update.FinishReason ?? finish;
            // Generation runs to its end even past a stop sequence: the usage then counts every token sampled.
            var wasStopped = stop.Stopped;
            var piece = stop.Push(string.Concat(update.Contents.OfType<TextContent>().Select(t => t.Text)));
            var logProbabilities = request.LogProbabilities && !wasStopped ? LogProbabilities.From(update.AdditionalProperties) : null;
            if (piece.Length > 0 || logProbabilities is { Count: > 0 })
                await WriteContentAsync(content, piece, logProbabilities, request.LogProbabilities, cancellationToken).ConfigureAwait(false);
        }

        var rest = stop.Flush();
        if (rest.Length > 0)
            await WriteContentAsync(content, rest, null, request.LogProbabilities, cancellationToken).ConfigureAwait(false);

        var finishReason = stop.Stopped ? "stop" : CompletionResult.FinishReasonName(finish);
        if (OutputConformance.Problem(request, content.ToString(), calls, finishReason) is { } problem)
        {
            var error = new ModelApiException(500, $"The model's output did not conform: {problem}.", code: "invalid_model_output");
            await WriteAsync(json => OpenAIErrorWriter.WriteObject(json, error), cancellationToken).ConfigureAwait(false);
            return new CompletionOutcome(usage, "error", 1);
        }

        if (calls.Count > 0)
            await WriteAsync(json => ChunkWriter.Write(json, identity, ChunkWriter.ToolCalls(calls)), cancellationToken).ConfigureAwait(false);
        await WriteAsync(json => ChunkWriter.Write(json, identity, ChunkWriter.Empty, finishReason), cancellationToken).ConfigureAwait(false);
        if (request.IncludeUsage)
            await WriteAsync(json => ChunkWriter.Usage(json, identity, usage), cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync("data: [DONE]\n\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new CompletionOutcome(usage, finishReason, 1);
    }

    private Task WriteContentAsync(StringBuilder content, string piece, IReadOnlyList<TokenLogProbability>? logProbabilities, bool asked,
        CancellationToken cancellationToken)
    {
        content.Append(piece);
        return WriteAsync(json => ChunkWriter.Write(json, identity, ChunkWriter.Content(piece), logProbabilities: asked ? logProbabilities ?? [] : null),
            cancellationToken);
    }

    private async Task WriteAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        await using (var json = new Utf8JsonWriter(_buffer))
            write(json);
        await response.Body.WriteAsync(DataPrefix, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await response.Body.WriteAsync(EventEnd, cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
