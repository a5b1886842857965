using System.ClientModel;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Evaluation.Judging;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace ClinicalAgent.Evaluation.Tests.Judging;

/// <summary>The OpenAI-compatible path: how the judge asks for log-probabilities and reads them back.</summary>
public sealed class ChoiceTokensTests
{
    [Fact]
    public void Of_OpenAICompletionWithLogProbabilities_ReadsBothChoiceTokens()
    {
        // The factory's overloads are all marked experimental (OPENAI001); the shape they build is the SDK's stable one.
#pragma warning disable OPENAI001
        var completion = OpenAIChatModelFactory.ChatCompletion(id: "c1", contentTokenLogProbabilities:
        [
            OpenAIChatModelFactory.ChatTokenLogProbabilityDetails("2", -0.25f, null,
                [OpenAIChatModelFactory.ChatTokenTopLogProbabilityDetails("2", -0.25f, null), OpenAIChatModelFactory.ChatTokenTopLogProbabilityDetails("1", -1.5f, null)]),
        ], serviceTier: null);
#pragma warning restore OPENAI001
        var response = new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "2")) { RawRepresentation = completion };

        var read = ChoiceTokens.At(ChoiceTokens.Of(response)!, ["1", "2"])!.Value;

        Assert.Equal(-1.5, read.LogProbabilities[0]!.Value, 5);
        Assert.Equal(-0.25, read.LogProbabilities[1]!.Value, 5);
    }

    [Fact]
    public void For_OpenAIClient_AsksLogProbabilitiesTheOpenAIWayWithTheChoiceSchema()
    {
        using var client = new ChatClient("judge", new ApiKeyCredential("none"), new OpenAI.OpenAIClientOptions { Endpoint = new Uri("http://127.0.0.1:9/v1") }).AsIChatClient();

        var options = ChoiceRequest.For(client, [1, 2], seed: 3);

        var raw = Assert.IsType<ChatCompletionOptions>(options.RawRepresentationFactory!(client));
        Assert.True(raw.IncludeLogProbabilities);
        Assert.Equal(LogProbabilities.MaxAlternatives, raw.TopLogProbabilityCount);
        Assert.Null(options.AdditionalProperties);
        var schema = ((ChatResponseFormatJson)options.ResponseFormat!).Schema!.Value;
        Assert.Equal("[1,2]", schema.GetProperty("enum").GetRawText());
        Assert.Equal(0f, options.Temperature);
    }

    [Fact]
    public void For_LocalClient_AsksOurRuntimesKey()
    {
        var options = ChoiceRequest.For(new ScriptedJudgeClient((_, _) => 0.5), [2], seed: null);

        Assert.Equal(LogProbabilities.MaxAlternatives, options.AdditionalProperties![LogProbabilities.RequestKey]);
        Assert.Null(options.RawRepresentationFactory);
    }
}
