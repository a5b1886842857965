using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicalAgent.Agent.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Tests.Runtime;

public sealed class OpenAICompatibleClientTests : IAsyncLifetime
{
    private const string CannedResponse = """
        {
          "id": "chatcmpl-1", "object": "chat.completion", "created": 1760000000, "model": "medgemma-27b",
          "choices": [{
            "index": 0, "finish_reason": "tool_calls",
            "message": {
              "role": "assistant", "content": null,
              "tool_calls": [{
                "id": "call_1", "type": "function",
                "function": { "name": "get_observations", "arguments": "{\"patientId\": \"123\", \"code\": \"2823-3\", \"count\": 1}" }
              }]
            }
          }],
          "usage": { "prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150 }
        }
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
            if (body.Contains("OVERFLOW", StringComparison.Ordinal))
            {
                return Results.Text("""
                    {"error": {"message": "This model's maximum context length is 8192 tokens. However, you requested 9100 tokens.", "type": "invalid_request_error", "param": "messages", "code": "context_length_exceeded"}}
                    """, "application/json", statusCode: 400);
            }

            lock (_requests)
                _requests.Add(body);
            return Results.Text(CannedResponse, "application/json");
        });
        await _server.StartAsync();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _endpoint = new Uri(address + "/v1");
    }

    [Fact]
    public async Task GetResponseAsync_ToolCallReply_SendsToolsAndReturnsFunctionCall()
    {
        var tools = new ClinicalTools();
        await using var provider = OpenAIServices();
        var client = provider.GetRequiredService<IChatClient>();

        var response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Last potassium of patient 123?")],
            new ChatOptions { Tools = [.. tools.Functions], ToolMode = ChatToolMode.Auto });

        var body = JsonNode.Parse(Assert.Single(_requests))!;
        Assert.Equal("medgemma-27b", (string?)body["model"]);
        var sent = body["tools"]!.AsArray().Select(t => (string?)t!["function"]!["name"]).ToList();
        Assert.Equal(["get_observations", "record_vital"], sent);
        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_observations", call.Name);
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("2823-3", call.Arguments!["code"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal(120, response.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task AddChatModel_ProviderOpenAI_RegistersClientForTheEndpoint()
    {
        await using var provider = OpenAIServices();

        var response = await provider.GetRequiredService<IChatClient>().GetResponseAsync("hello");

        Assert.Single(_requests);
        Assert.Equal("get_observations", response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single().Name);
    }

    [Fact]
    public async Task GetResponseAsync_ServerSaysContextLengthExceeded_ThrowsContextOverflowLikeTheLocalRuntime()
    {
        await using var provider = OpenAIServices();

        var error = await Assert.ThrowsAsync<ClinicalAgent.Agent.Runtime.Local.ContextOverflowException>(() =>
            provider.GetRequiredService<IChatClient>().GetResponseAsync("OVERFLOW"));
        var streamed = await Assert.ThrowsAsync<ClinicalAgent.Agent.Runtime.Local.ContextOverflowException>(async () =>
        {
            await foreach (var _ in provider.GetRequiredService<IChatClient>().GetStreamingResponseAsync("OVERFLOW"))
            {
            }
        });

        Assert.Contains("maximum context length", error.Message);
        Assert.Contains("does not fit its context", streamed.Message);
        Assert.Empty(_requests);
    }

    [Theory]
    [InlineData("ftp://host/v1", "Model:Endpoint")]
    [InlineData(null, "Model:Endpoint")]
    public void AddChatModel_OpenAIWithoutAnHttpEndpoint_ThrowsNamingTheKey(string? endpoint, string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:Provider"] = "openai",
            ["Model:Endpoint"] = endpoint,
            ["Model:Name"] = "m",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddChatModel(configuration));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void AddChatModel_UnknownProvider_ThrowsNamingIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:Provider"] = "carrier-pigeon",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddChatModel(configuration));

        Assert.Contains("carrier-pigeon", error.Message);
    }

    private ServiceProvider OpenAIServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Model:Provider"] = "openai",
            ["Model:Endpoint"] = _endpoint.ToString(),
            ["Model:Name"] = "medgemma-27b",
        }).Build();
        var services = new ServiceCollection();
        services.AddChatModel(configuration);
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
