using System.Text;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.ModelApi.Tests;

/// <summary>
/// What the runtime gained for /v1, through <see cref="IChatClient"/> itself so every caller has it: a JSON response
/// format enforced by the grammar, and log-probabilities under <see cref="LogProbabilities.ResponseKey"/>.
/// </summary>
[Collection(ServeCollection.Name)]
[Trait("Model", "Tiny")]
public sealed class RuntimeResponseFormatTests(ServeFixture serve) : IDisposable
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "Triage this patient.")];
    private static readonly JsonElement Triage = JsonDocument.Parse(Schemas.Triage).RootElement;

    private readonly LocalChatClient _client = new(
        new LocalModel(Options.Create(new LocalModelOptions { ModelPath = serve.Tiny.ModelPath, ContextSize = 1024, Threads = 1, MaxConversations = 2 })),
        new GemmaPromptFormatter(), ownsModel: true);

    [Fact]
    public async Task GetResponseAsync_JsonSchemaFormat_EverySeedParsesAndMatches()
    {
        for (var seed = 1; seed <= 6; seed++)
        {
            var options = new ChatOptions { Seed = seed, Temperature = 1, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.ForJsonSchema(Triage, "triage") };

            var response = await _client.GetResponseAsync(Question, options);

            Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
            using var answer = JsonDocument.Parse(response.Text);
            Assert.Contains(answer.RootElement.GetProperty("level").GetString(), new[] { "low", "medium", "high" });
            Assert.Contains(answer.RootElement.GetProperty("urgent").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        }
    }

    [Fact]
    public async Task GetResponseAsync_JsonFormatWithAutoTools_IsRefused()
    {
        var tool = AIFunctionFactory.CreateDeclaration("get_labs", "Labs.", JsonDocument.Parse(Schemas.LabTool).RootElement);
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.Auto, ResponseFormat = ChatResponseFormat.Json };

        await Assert.ThrowsAsync<NotSupportedException>(() => _client.GetResponseAsync(Question, options));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_LogProbabilities_TokenBytesSpellTheAnswerExactly()
    {
        var options = new ChatOptions
        {
            Seed = 4, MaxOutputTokens = 200, ResponseFormat = ChatResponseFormat.ForJsonSchema(Triage, "triage"),
            AdditionalProperties = new() { [LogProbabilities.RequestKey] = 4 },
        };
        var text = new StringBuilder();
        var tokens = new List<TokenLogProbability>();
        UsageDetails? usage = null;

        await foreach (var update in _client.GetStreamingResponseAsync(Question, options))
        {
            text.Append(update.Text);
            tokens.AddRange(LogProbabilities.From(update.AdditionalProperties) ?? []);
            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
        }

        Assert.Equal(usage!.OutputTokenCount, tokens.Count);
        Assert.Equal(Encoding.UTF8.GetBytes(text.ToString()), tokens.SelectMany(t => t.Bytes).ToArray());
        Assert.All(tokens, t => Assert.Equal(4, t.TopAlternatives.Count));
    }

    [Fact]
    public async Task GetResponseAsync_LogProbabilities_AreTakenBeforeTemperature()
    {
        // The same prompt's first position under two temperatures: the recorded distribution is the model's own, so
        // its alternatives are the same whichever temperature then samples from it.
        ChatOptions At(float temperature) => new()
        {
            Seed = 2, Temperature = temperature, MaxOutputTokens = 1,
            AdditionalProperties = new() { [LogProbabilities.RequestKey] = 5 },
        };

        var cold = LogProbabilities.From((await _client.GetResponseAsync(Question, At(0.1f))).AdditionalProperties)!;
        var hot = LogProbabilities.From((await _client.GetResponseAsync(Question, At(1.9f))).AdditionalProperties)!;

        var coldTop = Assert.Single(cold).TopAlternatives;
        var hotTop = Assert.Single(hot).TopAlternatives;
        Assert.Equal(coldTop.Select(a => a.Token), hotTop.Select(a => a.Token));
        // Within 0.01, not bit for bit: the second request reuses the first one's cached prompt and evaluates its last
        // position in a batch of another shape, and on some CPUs' kernels (seen on an AVX2 machine) that moves a logit by
        // a few 1e-4. Taken after temperature, 0.1 against 1.9 would differ by whole units.
        Assert.All(coldTop.Zip(hotTop), pair => Assert.Equal(pair.First.LogProbability, pair.Second.LogProbability, 2));
    }

    [Fact]
    public async Task GetResponseAsync_NoLogProbabilitiesAsked_CarriesNone()
    {
        var response = await _client.GetResponseAsync(Question, new ChatOptions { Seed = 1, MaxOutputTokens = 4 });

        Assert.Null(LogProbabilities.From(response.AdditionalProperties));
    }

    public void Dispose() => _client.Dispose();
}
