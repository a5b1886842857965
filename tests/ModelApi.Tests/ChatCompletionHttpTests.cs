using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>/v1 over plain HTTP: the wire format (SSE lines, error JSON) as any client sees it.</summary>
[Collection(ServeCollection.Name)]
[Trait("Model", "Tiny")]
public sealed class ChatCompletionHttpTests(ServeFixture serve)
{
    [Fact]
    public async Task Models_WithApiKey_ListsTheLoadedModelOwnedByClinicalAgent()
    {
        using var client = serve.Client();

        var models = JsonNode.Parse(await client.GetStringAsync("models"))!;

        Assert.Equal("list", (string?)models["object"]);
        var model = Assert.Single(models["data"]!.AsArray())!;
        Assert.Equal(serve.ModelId, (string?)model["id"]);
        Assert.Equal("clinicalagent", (string?)model["owned_by"]);
    }

    [Fact]
    public async Task Completion_NoApiKey_Is401InOpenAIShape()
    {
        using var client = serve.Client(authorized: false);

        using var response = await PostAsync(client, Body());
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (string?)error["code"]);
        Assert.Equal("authentication_error", (string?)error["type"]);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_ForgedApiKey_Is401()
    {
        using var client = serve.Client(authorized: false);
        client.DefaultRequestHeaders.Authorization = new("Bearer", serve.ApiKey[..^4] + "AAAA");

        using var response = await PostAsync(client, Body());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", (string?)(await ErrorAsync(response))["code"]);
    }

    [Fact]
    public async Task Completion_UnknownModel_Is404NamingTheServedOne()
    {
        using var client = serve.Client();
        var body = Body();
        body["model"] = "gpt-4o";

        using var response = await PostAsync(client, body);
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("model_not_found", (string?)error["code"]);
        Assert.Equal("model", (string?)error["param"]);
        Assert.Contains(serve.ModelId, (string?)error["message"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("temperature", "5", "temperature")]
    [InlineData("max_tokens", "0", "max_tokens")]
    [InlineData("top_logprobs", "3", "top_logprobs")]
    [InlineData("tool_choice", "\"required\"", "tool_choice")]
    [InlineData("response_format", "{\"type\":\"xml\"}", "response_format.type")]
    [InlineData("messages", "[]", "messages")]
    public async Task Completion_BadField_Is400NamingIt(string field, string json, string param)
    {
        using var client = serve.Client();
        var body = Body();
        body[field] = JsonNode.Parse(json);

        using var response = await PostAsync(client, body);
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (string?)error["param"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
    }

    [Fact]
    public async Task Completion_NotJson_Is400()
    {
        using var client = serve.Client();

        using var response = await client.PostAsync("chat/completions", new StringContent("{\"model\":", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_json", (string?)(await ErrorAsync(response))["code"]);
    }

    [Fact]
    public async Task Completion_RemoteImageUrl_Is400AndNothingIsFetched()
    {
        using var client = serve.Client();
        var body = Body();
        body["messages"] = JsonNode.Parse("""
            [{"role":"user","content":[{"type":"text","text":"Describe."},{"type":"image_url","image_url":{"url":"http://127.0.0.1:9/chest.png"}}]}]
            """);

        using var response = await PostAsync(client, body);
        var error = await ErrorAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("messages[0].content[1].image_url.url", (string?)error["param"]);
        Assert.Contains("data: URL", (string?)error["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownPath_Is404InOpenAIShape()
    {
        using var client = serve.Client();

        using var response = await client.GetAsync("embeddings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_url", (string?)(await ErrorAsync(response))["code"]);
    }

    [Fact]
    public async Task Completion_Streaming_IsDataLinesOfChunksEndingWithDone()
    {
        using var client = serve.Client();
        var body = Body();
        body["stream"] = true;
        body["stream_options"] = new JsonObject { ["include_usage"] = true };
        body["max_tokens"] = 12;

        using var response = await PostAsync(client, body);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", (string?)c["object"]));
        Assert.Single(chunks.Select(c => (string?)c["id"]).Distinct());
        Assert.Equal("assistant", (string?)chunks[0]["choices"]![0]!["delta"]!["role"]);
        var finishes = chunks.Where(c => c["choices"]!.AsArray().Count > 0).Select(c => (string?)c["choices"]![0]!["finish_reason"]).Where(f => f is not null).ToList();
        Assert.Contains(Assert.Single(finishes), new[] { "stop", "length" });
        var usage = chunks[^1]["usage"]!;
        Assert.Empty(chunks[^1]["choices"]!.AsArray());
        Assert.InRange((int)usage["completion_tokens"]!, 1, 12);
        Assert.Equal((int)usage["prompt_tokens"]! + (int)usage["completion_tokens"]!, (int)usage["total_tokens"]!);
    }

    [Fact]
    public async Task Completion_ImageAsDataUrl_GoesThroughTheProjector()
    {
        using var client = serve.Client();
        var textOnly = Body();
        var withImage = Body();
        withImage["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(
                new JsonObject { ["type"] = "text", ["text"] = "What does this radiograph show?" },
                new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = "data:image/png;base64," + Convert.ToBase64String(TestImages.Png(32, 32)) } }),
        });
        textOnly["messages"]![0]!["content"] = "What does this radiograph show?";

        using var plain = await PostAsync(client, textOnly);
        using var pictured = await PostAsync(client, withImage);
        var plainUsage = JsonNode.Parse(await plain.Content.ReadAsStringAsync())!["usage"]!;
        var picturedBody = await pictured.Content.ReadAsStringAsync();

        Assert.True(pictured.StatusCode == HttpStatusCode.OK, picturedBody);
        var picturedUsage = JsonNode.Parse(picturedBody)!["usage"]!;
        // The image's embeddings take prompt positions: the prompt grows by more than the marker's few tokens.
        Assert.True((int)picturedUsage["prompt_tokens"]! > (int)plainUsage["prompt_tokens"]! + 8, picturedBody);
    }

    internal static JsonObject Body() => new()
    {
        ["model"] = "tiny-gemma3.gguf",
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "What is the latest potassium?" }),
        ["max_tokens"] = 8,
        ["seed"] = 11,
    };

    internal static Task<HttpResponseMessage> PostAsync(HttpClient client, JsonObject body) =>
        client.PostAsync("chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(document.RootElement.GetProperty("error").GetRawText())!;
    }
}
