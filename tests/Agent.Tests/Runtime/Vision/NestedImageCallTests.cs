using ClinicalAgent.Agent.Loop;
using ClinicalAgent.Agent.Models;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Vision;

/// <summary>An image tool calls the same model from inside the agent loop, between the outer conversation's turns.</summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class NestedImageCallTests(TinyModelFixture model)
{
    [Fact(Timeout = 120_000)]
    public async Task AskAsync_ToolCallsTheSameClientWithAnImage_CompletesAndTheOuterConversationKeepsItsCache()
    {
        // One request at a time, as by default: the nested call must neither wait for the outer one nor evict its cache.
        using var client = LocalRuntime.Client(model.ModelPath, o =>
        {
            o.MmprojPath = model.ProjectorPath;
            o.MaxConversations = 1;
        });
        var nested = new List<ChatResponse>();
        AIFunction[] tools =
        [
            AIFunctionFactory.Create(async (CancellationToken cancellationToken) =>
            {
                var response = await client.GetResponseAsync(
                    [new ChatMessage(ChatRole.User, [new TextContent("Describe the findings in one sentence."), TestImages.Png(11)])],
                    new ChatOptions { Seed = 1, MaxOutputTokens = 8 }, cancellationToken);
                nested.Add(response);
                return "Image described: " + response.Text;
            }, "describe_image", "Describe the latest chest radiograph."),
        ];
        var runner = new ClinicalAgentRunner(client);
        var options = new AgentRunOptions
        {
            MaxSteps = 2,
            RequireToolFirst = true,
            ChatOptions = new ChatOptions { Seed = 2, MaxOutputTokens = 96, AllowMultipleToolCalls = false },
        };

        var answer = await runner.AskAsync("What does the latest chest X-ray show?", tools, options);

        Assert.True(nested.Count == 1, AgentTraceWriter.ToJson(answer));
        var describe = nested[0];
        Assert.Equal(1, TestImages.Count(describe, "EncodedImages"));
        var models = answer.Trace.Where(s => s.Kind == AgentStepKind.Model).ToList();
        Assert.Equal(2, models.Count);
        Assert.True(models[1].CachedTokens >= models[0].InputTokens,
            $"the outer turn reused {models[1].CachedTokens} tokens of its first prompt's {models[0].InputTokens}");
    }

    [Fact(Timeout = 120_000)]
    public async Task AskAsync_ToolReturnsAnImage_TheModelsNextPromptHoldsItsEmbeddings()
    {
        using var local = LocalRuntime.Client(model.ModelPath, o => o.MmprojPath = model.ProjectorPath);
        var client = new UsageRecorder(local);
        AIFunction[] tools = [AIFunctionFactory.Create(() => TestImages.Png(12), "get_image", "The latest chest radiograph.")];
        var runner = new ClinicalAgentRunner(client);
        var options = new AgentRunOptions
        {
            MaxSteps = 2,
            RequireToolFirst = true,
            ChatOptions = new ChatOptions { Seed = 2, MaxOutputTokens = 96, AllowMultipleToolCalls = false },
        };

        var answer = await runner.AskAsync("What does the latest chest X-ray show?", tools, options);

        Assert.True(client.Usages.Count == 2, AgentTraceWriter.ToJson(answer));
        Assert.Equal(0, client.Usages[0].AdditionalCounts!["EncodedImages"]);
        Assert.Equal(1, client.Usages[1].AdditionalCounts!["EncodedImages"]);
        Assert.Equal(TinyGemmaProjector.ImageTokens, client.Usages[1].AdditionalCounts!["ImageTokens"]);
    }
}
