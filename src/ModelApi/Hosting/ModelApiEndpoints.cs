using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.ModelApi.Protocol;
using ClinicalAgent.ModelApi.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.ModelApi.Hosting;

/// <summary>
/// The handlers of /v1: <c>GET /v1/models</c>, <c>GET /v1/models/{id}</c>, <c>POST /v1/chat/completions</c>, and an
/// OpenAI-shaped 404 for any other path under /v1. Each turns a <see cref="ModelApiException"/> into OpenAI's error
/// JSON and any other failure into a bare 500, never a stack trace.
/// </summary>
internal static class ModelApiEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var v1 = endpoints.MapGroup("/v1");
        v1.MapGet("/models", (RequestDelegate)(context => GuardAsync(context, "list_models", ListModelsAsync)));
        v1.MapGet("/models/{id}", (RequestDelegate)(context => GuardAsync(context, "retrieve_model", GetModelAsync)));
        v1.MapPost("/chat/completions", (RequestDelegate)(context => GuardAsync(context, "chat", CompleteAsync)));
        v1.Map("/{**rest}", (RequestDelegate)(context => GuardAsync(context, "unknown", UnknownAsync)));
    }

    private static async Task GuardAsync(HttpContext context, string operation, Func<HttpContext, Task> handle)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModelApiEndpoints).FullName!);
        try
        {
            await ApiKeyAuthorization.EnsureAsync(context).ConfigureAwait(false);
            await handle(context).ConfigureAwait(false);
        }
        catch (ModelApiException e) when (!context.Response.HasStarted)
        {
            ModelApiLog.Refused(logger, e.Status, e.Code, e.Param);
            System.Diagnostics.Activity.Current?.SetTag("clinicalagent.operation", operation);
            await OpenAIErrorWriter.WriteAsync(context, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing is left to answer.
        }
        catch (Exception e) when (!context.Response.HasStarted)
        {
            ModelApiLog.Failed(logger, e);
            await OpenAIErrorWriter.WriteAsync(context, new ModelApiException(500, "The server failed to answer this request.", code: "internal_error"))
                .ConfigureAwait(false);
        }
    }

    private static async Task ListModelsAsync(HttpContext context)
    {
        var (id, owner) = Served(context);
        await WriteJsonAsync(context, json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            WriteModel(json, id, owner);
            json.WriteEndArray();
            json.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static async Task GetModelAsync(HttpContext context)
    {
        var (id, owner) = Served(context);
        var requested = (string)context.Request.RouteValues["id"]!;
        if (!string.Equals(requested, id, StringComparison.Ordinal))
            throw new ModelApiException(404, $"The model '{requested}' does not exist; this server serves '{id}'.", "model", "model_not_found");
        await WriteJsonAsync(context, json => WriteModel(json, id, owner)).ConfigureAwait(false);
    }

    private static Task UnknownAsync(HttpContext context) =>
        throw new ModelApiException(404, $"Unknown URL {context.Request.Method} {context.Request.Path}: /v1 serves GET /v1/models and POST /v1/chat/completions.", code: "unknown_url");

    private static async Task CompleteAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ModelApiOptions>>().Value;
        var request = ChatCompletionRequestReader.Read(await ReadBodyAsync(context, options.MaxRequestBytes).ConfigureAwait(false));
        using var activity = ModelApiTelemetry.Start("chat", request.Model, request.Stream);
        try
        {
            var client = context.RequestServices.GetRequiredService<ServedModel>().ClientFor(request.Model);
            var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
            var identity = CompletionIdentity.New(request.Model, clock.GetUtcNow());
            CompletionOutcome outcome;
            try
            {
                outcome = request.Stream
                    ? await new CompletionStreamer(context.Response, identity).StreamAsync(client, request, context.RequestAborted).ConfigureAwait(false)
                    : await WriteCompletionAsync(context, client, request, identity).ConfigureAwait(false);
            }
            catch (Exception e) when (RuntimeRefusal(e) is { } refusal)
            {
                throw refusal;
            }

            ModelApiTelemetry.Finish(activity, request.Model, outcome, request.Options.MaxOutputTokens, request.Options.Temperature);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ModelApiEndpoints).FullName!);
            ModelApiLog.Completed(logger, request.Model, request.Stream, outcome.Usage?.InputTokenCount, outcome.Usage?.OutputTokenCount, outcome.FinishReason, outcome.Attempts);
        }
        catch (ModelApiException e)
        {
            ModelApiTelemetry.Fail(activity, e.Status, e.Code);
            throw;
        }
    }

    private static async Task<CompletionOutcome> WriteCompletionAsync(HttpContext context, Microsoft.Extensions.AI.IChatClient client,
        ChatCompletionRequest request, CompletionIdentity identity)
    {
        var (result, attempts) = await CompletionService.CompleteAsync(client, request, context.RequestAborted).ConfigureAwait(false);
        await WriteJsonAsync(context, json => CompletionWriter.Write(json, identity, result)).ConfigureAwait(false);
        return new CompletionOutcome(result.Usage, result.FinishReason, attempts);
    }

    /// <summary>The runtime's refusals and failures of a request (not bugs) as a status and a message naming what happened.</summary>
    internal static ModelApiException? RuntimeRefusal(Exception e) => e switch
    {
        ContextOverflowException overflow => new ModelApiException(400, overflow.Message, "messages", "context_length_exceeded"),
        ImageInputException image => new ModelApiException(400, image.Message, "messages", "invalid_image"),
        ModelLoadException load => new ModelApiException(503, $"The model could not be loaded: {load.Message}", code: "model_not_loaded"),
        NotSupportedException unsupported => new ModelApiException(400, unsupported.Message, code: "unsupported"),
        // The runtime's own failure for this request (its grammar left no token to sample), not the client's.
        GrammarDeadEndException deadEnd => new ModelApiException(500, deadEnd.Message, code: "grammar_dead_end"),
        _ => null,
    };

    private static (string Id, string Owner) Served(HttpContext context) =>
        (context.RequestServices.GetRequiredService<ServedModel>().Id,
         context.RequestServices.GetRequiredService<IOptions<ModelApiOptions>>().Value.OwnedBy);

    private static void WriteModel(Utf8JsonWriter json, string id, string owner)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("object", "model");
        json.WriteNumber("created", 0);
        json.WriteString("owned_by", owner);
        json.WriteEndObject();
    }

    private static async Task<JsonElement> ReadBodyAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
            throw new ModelApiException(413, $"The request body is larger than {maxBytes} bytes (ModelApi:MaxRequestBytes).", code: "request_too_large");
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new ModelApiException(400, "The request body is not valid JSON.", code: "invalid_json");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new ModelApiException(413, $"The request body is larger than {maxBytes} bytes (ModelApi:MaxRequestBytes).", code: "request_too_large");
        }
    }

    private static async Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        write(json);
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
