using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>The official OpenAI .NET client against /v1 of the real serve composition, on loopback.</summary>
[Collection(ServeCollection.Name)]
[Trait("Model", "Tiny")]
public sealed class OpenAIDotNetClientTests(ServeFixture serve)
{
    private OpenAIClientOptions Options => new() { Endpoint = serve.Endpoint };

    private ChatClient Chat(string? key = null) => new(serve.ModelId, new ApiKeyCredential(key ?? serve.ApiKey), Options);

    [Fact]
    public async Task GetModels_ApiKeyIsALocalToken_ListsTheServedModel()
    {
        var models = new OpenAIModelClient(new ApiKeyCredential(serve.ApiKey), Options);

        var list = (await models.GetModelsAsync()).Value;

        var model = Assert.Single(list);
        Assert.Equal(serve.ModelId, model.Id);
        Assert.Equal("clinicalagent", model.OwnedBy);
    }

    [Fact]
    public async Task CompleteChat_WrongKey_ThrowsWith401()
    {
        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat("sk-not-a-token").CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task CompleteChat_Plain_ReturnsAnAnswerWithUsageWithinTheBudget()
    {
        var completion = (await Chat().CompleteChatAsync(
            [new SystemChatMessage("You are a clinical assistant."), new UserChatMessage("What is the latest potassium?")],
            new ChatCompletionOptions { MaxOutputTokenCount = 10, Temperature = 0.7f })).Value;

        Assert.Contains(completion.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length });
        Assert.Equal(serve.ModelId, completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.InRange(completion.Usage.OutputTokenCount, 1, 10);
        Assert.True(completion.Usage.InputTokenCount > 5);
        Assert.Empty(completion.ToolCalls);
    }

    [Fact]
    public async Task CompleteChatStreaming_JsonSchema_UpdatesReassembleToAValidAnswer()
    {
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 40,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("triage", BinaryData.FromString(Schemas.Triage), jsonSchemaIsStrict: true),
        };
        var text = new StringBuilder();
        var finishes = new List<ChatFinishReason>();

        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Triage this patient.")], options))
        {
            foreach (var part in update.ContentUpdate)
                text.Append(part.Text);
            if (update.FinishReason is { } finish)
                finishes.Add(finish);
        }

        Assert.Equal(ChatFinishReason.Stop, Assert.Single(finishes));
        AssertTriage(text.ToString());
    }

    [Fact]
    public async Task CompleteChat_JsonSchema_AnswerParsesAndMatches()
    {
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 40,
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("triage", BinaryData.FromString(Schemas.Triage), jsonSchemaIsStrict: true),
        };

        var completion = (await Chat().CompleteChatAsync([new UserChatMessage("Triage this patient.")], options)).Value;

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        AssertTriage(Assert.Single(completion.Content).Text);
    }

    [Fact]
    public async Task CompleteChat_NamedToolChoice_ReturnsACallMatchingItsSchema()
    {
        var options = new ChatCompletionOptions
        {
            MaxOutputTokenCount = 200,
            AllowParallelToolCalls = false,
            Tools =
            {
                ChatTool.CreateFunctionTool("get_labs", "Latest laboratory results by LOINC code.", BinaryData.FromString(Schemas.LabTool)),
                ChatTool.CreateFunctionTool("get_patient", "The patient's demographics.", BinaryData.FromString("""{"type":"object","properties":{}}""")),
            },
            ToolChoice = ChatToolChoice.CreateFunctionChoice("get_labs"),
        };

        var completion = (await Chat().CompleteChatAsync([new UserChatMessage("Latest potassium?")], options)).Value;

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_labs", call.FunctionName);
        Assert.StartsWith("call_", call.Id, StringComparison.Ordinal);
        using var arguments = JsonDocument.Parse(call.FunctionArguments);
        Assert.Contains(arguments.RootElement.GetProperty("code").GetString(), new[] { "2823-3", "2951-2" });
        Assert.InRange(arguments.RootElement.GetProperty("count").GetInt32(), 1, 5);
        Assert.Equal(2, arguments.RootElement.EnumerateObject().Count());
    }

    [Fact]
    public async Task CompleteChat_ToolResultRoundTrip_AnswersAfterTheResult()
    {
        var tool = ChatTool.CreateFunctionTool("get_labs", "Latest laboratory results.", BinaryData.FromString(Schemas.LabTool));
        var first = (await Chat().CompleteChatAsync([new UserChatMessage("Latest potassium?")],
            new ChatCompletionOptions { MaxOutputTokenCount = 200, AllowParallelToolCalls = false, Tools = { tool }, ToolChoice = ChatToolChoice.CreateRequiredChoice() })).Value;
        var call = Assert.Single(first.ToolCalls);
        List<ChatMessage> history =
        [
            new UserChatMessage("Latest potassium?"),
            new AssistantChatMessage(first.ToolCalls),
            new ToolChatMessage(call.Id, """{"value":3.2,"unit":"mmol/L","id":"Observation/k1"}"""),
        ];

        var second = (await Chat().CompleteChatAsync(history,
            new ChatCompletionOptions { MaxOutputTokenCount = 200, AllowParallelToolCalls = false, Tools = { tool }, ToolChoice = ChatToolChoice.CreateAutoChoice() })).Value;

        // The conversation grew by the call and its result (same tools offered): the second prompt is longer.
        Assert.True(second.Usage.InputTokenCount > first.Usage.InputTokenCount + 10,
            $"{second.Usage.InputTokenCount} vs {first.Usage.InputTokenCount}");
        Assert.Contains(second.FinishReason, new[] { ChatFinishReason.Stop, ChatFinishReason.Length, ChatFinishReason.ToolCalls });
        Assert.Equal(second.FinishReason == ChatFinishReason.ToolCalls, second.ToolCalls.Count > 0);
    }

    [Fact]
    public async Task CompleteChat_LogProbabilities_OnePerTokenEachAtMostZeroWithSortedAlternatives()
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 8, IncludeLogProbabilities = true, TopLogProbabilityCount = 3 };

        var completion = (await Chat().CompleteChatAsync([new UserChatMessage("What is the latest potassium?")], options)).Value;

        var tokens = completion.ContentTokenLogProbabilities;
        Assert.Equal(completion.Usage.OutputTokenCount, tokens.Count);
        Assert.All(tokens, token =>
        {
            Assert.InRange(token.LogProbability, float.NegativeInfinity, 0f);
            Assert.Equal(3, token.TopLogProbabilities.Count);
            var values = token.TopLogProbabilities.Select(t => t.LogProbability).ToList();
            Assert.Equal(values.OrderByDescending(v => v), values);
            Assert.All(values, v => Assert.InRange(v, float.NegativeInfinity, 0f));
            // The sampled token can never beat the most likely one.
            Assert.True(token.LogProbability <= values[0] + 1e-4f);
        });
    }

    private static void AssertTriage(string json)
    {
        using var answer = JsonDocument.Parse(json);
        Assert.Contains(answer.RootElement.GetProperty("level").GetString(), new[] { "low", "medium", "high" });
        Assert.Contains(answer.RootElement.GetProperty("urgent").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Equal(2, answer.RootElement.EnumerateObject().Count());
    }
}
