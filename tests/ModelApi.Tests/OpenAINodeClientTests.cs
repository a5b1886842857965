using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>The official <c>openai</c> npm client against /v1 (js/openai-client.mjs): another implementation's reading of our wire format.</summary>
[Collection(ServeCollection.Name)]
[Trait("Model", "Tiny")]
public sealed class OpenAINodeClientTests(ServeFixture serve)
{
    [Fact]
    public async Task NodeClient_EveryScenario_SeesOpenAIShapes()
    {
        var output = await NodeRunner.RunAsync("openai-client.mjs", serve.Endpoint.ToString().TrimEnd('/'), serve.ApiKey, serve.ModelId);
        var result = JsonNode.Parse(output)!;

        var model = Assert.Single(result["models"]!.AsArray())!;
        Assert.Equal(serve.ModelId, (string?)model["id"]);
        Assert.Equal("clinicalagent", (string?)model["owned_by"]);

        Assert.Contains((string?)result["plain"]!["finish_reason"], new[] { "stop", "length" });
        Assert.InRange((int)result["plain"]!["usage"]!["completion_tokens"]!, 1, 10);

        var stream = result["stream"]!;
        Assert.Contains((string?)Assert.Single(stream["finishes"]!.AsArray()), new[] { "stop", "length" });
        var logprobs = stream["logprobs"]!.AsArray();
        Assert.Equal((int)stream["usage"]!["completion_tokens"]!, logprobs.Count);
        Assert.All(logprobs, token =>
        {
            Assert.True((double)token!["logprob"]! <= 0);
            var top = token["top_logprobs"]!.AsArray().Select(t => (double)t!["logprob"]!).ToList();
            Assert.Equal(2, top.Count);
            Assert.Equal(top.OrderByDescending(v => v), top);
        });

        Assert.Equal("tool_calls", (string?)result["tool"]!["finish_reason"]);
        var call = Assert.Single(result["tool"]!["tool_calls"]!.AsArray())!;
        Assert.Equal("function", (string?)call["type"]);
        Assert.Equal("get_labs", (string?)call["function"]!["name"]);
        using (var arguments = JsonDocument.Parse((string)call["function"]!["arguments"]!))
        {
            Assert.Contains(arguments.RootElement.GetProperty("code").GetString(), new[] { "2823-3", "2951-2" });
            Assert.InRange(arguments.RootElement.GetProperty("count").GetInt32(), 1, 5);
        }

        Assert.Equal("stop", (string?)result["json"]!["finish_reason"]);
        using (var answer = JsonDocument.Parse((string)result["json"]!["content"]!))
            Assert.Contains(answer.RootElement.GetProperty("level").GetString(), new[] { "low", "medium", "high" });

        Assert.Equal(404, (int)result["notFound"]!["status"]!);
        Assert.Equal("model_not_found", (string?)result["notFound"]!["code"]);
        Assert.Equal(401, (int)result["unauthorized"]!["status"]!);
    }
}
