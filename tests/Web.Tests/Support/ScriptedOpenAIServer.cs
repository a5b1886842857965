using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Web.Tests.Support;

/// <summary>
/// An OpenAI-compatible chat server on loopback that replies from a script: a tool call or a text answer per request,
/// as one JSON completion or, when the request asks to stream, as server-sent chunks. Keeps each request's body.
/// </summary>
internal sealed class ScriptedOpenAIServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Queue<JsonObject> _replies = new();

    private ScriptedOpenAIServer(WebApplication app) => _app = app;

    /// <summary>The base URL to pass as <c>--endpoint</c> (ends with /v1).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Bodies of the requests received, in order.</summary>
    public List<JsonNode> Requests { get; } = [];

    public static async Task<ScriptedOpenAIServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedOpenAIServer(builder.Build());
        server._app.MapPost("/v1/chat/completions", server.ReplyAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address + "/v1");
        return server;
    }

    /// <summary>Queues a reply that calls <paramref name="tool"/> with <paramref name="arguments"/>.</summary>
    public ScriptedOpenAIServer ThenCall(string tool, object arguments)
    {
        var call = new JsonObject
        {
            ["id"] = $"call_{_replies.Count + 1}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = JsonSerializer.Serialize(arguments) },
        };
        _replies.Enqueue(new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = new JsonArray(call) });
        return this;
    }

    /// <summary>Queues a text answer.</summary>
    public ScriptedOpenAIServer ThenAnswer(string text)
    {
        _replies.Enqueue(new JsonObject { ["role"] = "assistant", ["content"] = text });
        return this;
    }

    /// <summary>Queues a reply that never comes: the request hangs until the client gives up on it.</summary>
    public ScriptedOpenAIServer ThenStall()
    {
        _replies.Enqueue(new JsonObject { ["stall"] = true });
        return this;
    }

    /// <summary>Queues an HTTP error reply (a status the client does not retry, such as 400).</summary>
    public ScriptedOpenAIServer ThenFail(int status)
    {
        _replies.Enqueue(new JsonObject { ["fail"] = status });
        return this;
    }

    /// <summary>Completes when a stalled request has arrived.</summary>
    public TaskCompletionSource Stalled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ReplyAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        JsonObject message;
        lock (_replies)
        {
            Requests.Add(body!);
            message = _replies.Count > 0 ? _replies.Dequeue() : new JsonObject { ["role"] = "assistant", ["content"] = "(script exhausted)" };
        }

        if (message["fail"] is { } status)
        {
            http.Response.StatusCode = status.GetValue<int>();
            await http.Response.WriteAsync("{\"error\":{\"message\":\"scripted failure\",\"type\":\"invalid_request_error\"}}");
            return;
        }

        if (message.ContainsKey("stall"))
        {
            Stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        var finish = message.ContainsKey("tool_calls") ? "tool_calls" : "stop";
        if (body!["stream"]?.GetValue<bool>() != true)
        {
            var completion = new JsonObject
            {
                ["id"] = "chatcmpl-1", ["object"] = "chat.completion", ["created"] = 1760000000, ["model"] = "scripted",
                ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["finish_reason"] = finish, ["message"] = message }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 10, ["total_tokens"] = 110 },
            };
            await http.Response.WriteAsync(completion.ToJsonString(), Encoding.UTF8);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        var deltas = new List<JsonObject>();
        if (message["tool_calls"] is JsonArray calls)
        {
            var call = (JsonObject)calls[0]!.DeepClone();
            call["index"] = 0;
            deltas.Add(new JsonObject { ["role"] = "assistant", ["tool_calls"] = new JsonArray(call) });
        }
        else
        {
            // One chunk per word, as a server streams tokens.
            foreach (var word in System.Text.RegularExpressions.Regex.Split((string)message["content"]!, @"(?<= )"))
                deltas.Add(new JsonObject { ["role"] = "assistant", ["content"] = word });
        }

        for (var i = 0; i < deltas.Count; i++)
            await WriteChunkAsync(http, deltas[i], i == deltas.Count - 1 ? finish : null);
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task WriteChunkAsync(HttpContext http, JsonObject delta, string? finish)
    {
        var chunk = new JsonObject
        {
            ["id"] = "chatcmpl-1", ["object"] = "chat.completion.chunk", ["created"] = 1760000000, ["model"] = "scripted",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
        };
        await http.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n");
        await http.Response.Body.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
