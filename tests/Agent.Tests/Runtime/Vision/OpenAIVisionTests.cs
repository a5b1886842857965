using System.Text.Json.Nodes;
using ClinicalAgent.Agent.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Tests.Runtime.Vision;

/// <summary>What the OpenAI-compatible provider puts on the wire for images, captured by a real loopback server.</summary>
public sealed class OpenAIVisionTests : IAsyncLifetime
{
    private const string Answer = """
        {"id": "chatcmpl-2", "object": "chat.completion", "created": 1760000000, "model": "medgemma-4b",
         "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": "No effusion."}}],
         "usage": {"prompt_tokens": 300, "completion_tokens": 3, "total_tokens": 303}}
        """;

    private readonly List<string> _requests = [];
    private WebApplication? _server;
    private Uri _endpoint = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapPost("/v1/chat/completions", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            lock (_requests)
                _requests.Add(body);
            return Results.Text(Answer, "application/json");
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(address + "/v1");
    }

    [Fact]
    public async Task GetResponseAsync_UserMessageWithPng_SendsAnImageUrlDataUrl()
    {
        using var client = ChatModelServiceCollectionExtensions.CreateOpenAICompatibleClient(_endpoint, "medgemma-4b", null);
        var png = TestImages.Png(1);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("Is there an effusion?"), png])]);

        var parts = JsonNode.Parse(Assert.Single(_requests))!["messages"]![0]!["content"]!.AsArray();
        Assert.Equal("text", (string?)parts[0]!["type"]);
        Assert.Equal("image_url", (string?)parts[1]!["type"]);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png.Data.Span), (string?)parts[1]!["image_url"]!["url"]);
        Assert.Equal("No effusion.", response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_ImageInToolResult_SendsItAsAnImageUrlInAUserMessageAfterTheToolMessage()
    {
        using var client = ChatModelServiceCollectionExtensions.CreateOpenAICompatibleClient(_endpoint, "medgemma-4b", null);
        var png = TestImages.Png(2);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Look at the latest photograph."),
            new(ChatRole.Assistant, [new FunctionCallContent("call_1", "get_image", new Dictionary<string, object?> { ["image_id"] = "Media/m1" })]),
            new(ChatRole.Tool, [new FunctionResultContent("call_1", png)]),
        ];

        await client.GetResponseAsync(messages);

        var sent = JsonNode.Parse(Assert.Single(_requests))!["messages"]!.AsArray();
        var tool = sent.Single(m => (string?)m!["role"] == "tool")!;
        Assert.Equal("call_1", (string?)tool["tool_call_id"]);
        Assert.DoesNotContain("base64", tool.ToJsonString(), StringComparison.Ordinal);
        var after = sent[sent.IndexOf(tool) + 1]!;
        Assert.Equal("user", (string?)after["role"]);
        var image = after["content"]!.AsArray().Single(p => (string?)p!["type"] == "image_url")!;
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png.Data.Span), (string?)image["image_url"]!["url"]);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
