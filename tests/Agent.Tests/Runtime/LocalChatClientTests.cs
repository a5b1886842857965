using System.ComponentModel.DataAnnotations;
using System.Text;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Agent.Runtime.Validation;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class LocalChatClientTests(TinyModelFixture model, ITestOutputHelper output)
{
    private static readonly ChatMessage[] Question =
    [
        new(ChatRole.System, "You are a clinical assistant. Use the tools to look up data before answering."),
        new(ChatRole.User, "What was the last potassium of patient 123?"),
    ];

    /// <summary>Liveness, forced: one call of bounded length (every string has a maxLength) fits the budget, so
    /// every seed must end in a call, and the grammar makes every call valid.</summary>
    [Fact]
    public async Task GetResponseAsync_RequiredSingleCall_ReturnsOneValidCallForEverySeed()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);

        for (var seed = 1; seed <= 16; seed++)
        {
            var options = Options(tools, ChatToolMode.RequireAny, seed);
            options.AllowMultipleToolCalls = false;
            var response = await client.GetResponseAsync(Question, options);

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            Assert.Single(calls);
            await InvokeAllAsync(tools, calls);
        }

        output.WriteLine(string.Join("\n", tools.Calls.Take(10)));
    }

    /// <summary>Invariant: with several calls allowed a reply may also run out of budget; then it has no call at all.</summary>
    [Fact]
    public async Task GetResponseAsync_RequiredTools_EveryReplyIsValidCallsOrTruncated()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);

        for (var seed = 1; seed <= 16; seed++)
        {
            var response = await client.GetResponseAsync(Question, Options(tools, ChatToolMode.RequireAny, seed));

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (response.FinishReason == ChatFinishReason.Length)
            {
                Assert.Empty(calls);
                continue;
            }

            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            Assert.InRange(calls.Count, 1, 8);
            await InvokeAllAsync(tools, calls);
        }
    }

    [Fact]
    public async Task GetResponseAsync_BoundedInteger_StaysWithinMaximum()
    {
        var calls = new List<int>();
        var tool = AIFunctionFactory.Create(
            ([Range(1, 50)] int count) => calls.Add(count), "get_observations", "Recent observations.");
        using var client = LocalRuntime.Client(model.ModelPath);

        for (var seed = 1; seed <= 16; seed++)
        {
            var response = await client.GetResponseAsync(Question, new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, Seed = seed, Temperature = 1, AllowMultipleToolCalls = false });
            var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
            Assert.Empty(SchemaChecker.Check(tool.JsonSchema, call.Arguments!));
            Assert.Empty(ToolCallValidator.Validate(tool, call.Arguments));
        }
    }

    /// <summary>Invariant: in Auto mode a reply is valid calls, an answer that does not look like a call, or cut off.</summary>
    [Fact]
    public async Task GetResponseAsync_AutoTools_EveryReplyIsValidCallsAnAnswerOrTruncated()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);

        for (var seed = 1; seed <= 16; seed++)
        {
            var response = await client.GetResponseAsync(Question, Options(tools, ChatToolMode.Auto, seed));

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0)
            {
                Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
                await InvokeAllAsync(tools, calls);
            }
            else if (response.FinishReason != ChatFinishReason.Length)
            {
                Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
                Assert.False(response.Text.StartsWith('{'), response.Text);
            }
        }
    }

    [Fact]
    public async Task GetResponseAsync_ToolModeNone_ReturnsTextOnlyWithinTheBudget()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);
        var options = Options(tools, ChatToolMode.None, 7);
        options.MaxOutputTokens = 40;

        var response = await client.GetResponseAsync(Question, options);

        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.NotEqual(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 0, 40);
        Assert.Equal(response.Usage.OutputTokenCount == 40, response.FinishReason == ChatFinishReason.Length);
    }

    /// <summary>Forced: a tool of one one-value argument makes the first reply a fixed call whatever is sampled.</summary>
    [Fact]
    public async Task GetResponseAsync_SecondTurnExtendsFirst_EvaluatesOnlyNewTokens()
    {
        var tool = NarrowTool();
        using var client = LocalRuntime.Client(model.ModelPath);
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, Seed = 3, AllowMultipleToolCalls = false, MaxOutputTokens = 200 };
        var history = Question.ToList();

        var first = await client.GetResponseAsync(history, options);
        history.AddRange(first.Messages);
        var call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "[{\"value\": 4.1, \"unit\": \"mmol/L\"}]")]));
        var second = await client.GetResponseAsync(history, options);

        var firstUsage = first.Usage!;
        var secondUsage = second.Usage!;
        var evaluated = secondUsage.AdditionalCounts!["EvaluatedInputTokens"];
        Assert.Equal(0, firstUsage.CachedInputTokenCount);
        Assert.True(secondUsage.CachedInputTokenCount >= firstUsage.InputTokenCount,
            $"second turn reused {secondUsage.CachedInputTokenCount} tokens; the first prompt had {firstUsage.InputTokenCount}");
        Assert.Equal(secondUsage.InputTokenCount - secondUsage.CachedInputTokenCount, evaluated);
        Assert.True(evaluated * 2 < secondUsage.InputTokenCount, $"evaluated {evaluated} of {secondUsage.InputTokenCount}");
    }

    /// <summary>Invariant: the same seed on the same kernels samples the same tokens, streamed or not.</summary>
    [Fact]
    public async Task GetStreamingResponseAsync_SameSeed_ConcatenatesToNonStreamingText()
    {
        using var streaming = LocalRuntime.Client(model.ModelPath);
        using var plain = LocalRuntime.Client(model.ModelPath);
        var options = new ChatOptions { Seed = 11, MaxOutputTokens = 60, Temperature = 0.8f };

        var expected = await plain.GetResponseAsync(Question, options);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in streaming.GetStreamingResponseAsync(Question, options))
            updates.Add(update);

        var text = new StringBuilder();
        foreach (var update in updates)
            text.Append(update.Text);
        Assert.Equal(expected.Text, text.ToString());
        Assert.InRange(updates.Count(u => u.Text.Length > 0), expected.Text.Length > 0 ? 1 : 0, (int)expected.Usage!.OutputTokenCount!.Value);
        Assert.Equal(expected.FinishReason, updates[^1].FinishReason);
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(expected.Usage!.OutputTokenCount, usage.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallReply_YieldsCallsAtTheEndWithoutText()
    {
        var tool = NarrowTool();
        using var client = LocalRuntime.Client(model.ModelPath);

        var updates = new List<ChatResponseUpdate>();
        var options = new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, Seed = 9, AllowMultipleToolCalls = false, MaxOutputTokens = 200 };
        await foreach (var update in client.GetStreamingResponseAsync(Question, options))
            updates.Add(update);

        Assert.All(updates, u => Assert.Equal("", u.Text));
        var call = Assert.Single(updates[^1].Contents.OfType<FunctionCallContent>());
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        Assert.Equal("Nephrology", call.Arguments!["ward"]?.ToString());
    }

    [Fact]
    public async Task GetResponseAsync_PromptPlusOutputBeyondContext_ThrowsContextOverflow()
    {
        using var client = LocalRuntime.Client(model.ModelPath, o => o.ContextSize = 64);

        var error = await Assert.ThrowsAsync<ContextOverflowException>(() =>
            client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 32 }));

        output.WriteLine(error.Message);
        Assert.Equal(64, error.ContextSize);
        Assert.Equal(32, error.MaxOutputTokens);
        Assert.Contains("64", error.Message);
    }

    [Fact]
    public void GetService_Metadata_NamesProviderAndModelFile()
    {
        using var client = LocalRuntime.Client(model.ModelPath);

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        Assert.Equal("llama.cpp", metadata.ProviderName);
        Assert.Equal(Path.GetFileName(model.ModelPath), metadata.DefaultModelId);
        Assert.Same(client, client.GetService<LocalChatClient>());
    }

    /// <summary>One tool, one argument, one allowed value: the reply's text is fixed but for whitespace.</summary>
    private static AIFunctionDeclaration NarrowTool() => AIFunctionFactory.CreateDeclaration(
        "get_potassium", "Recent potassium results on a ward.",
        System.Text.Json.JsonDocument.Parse("""{"type":"object","properties":{"ward":{"enum":["Nephrology"]}},"required":["ward"]}""").RootElement);

    private static ChatOptions Options(ClinicalTools tools, ChatToolMode mode, int seed) => new()
    {
        Tools = [.. tools.Functions],
        ToolMode = mode,
        Seed = seed,
        Temperature = 0.9f,
        MaxOutputTokens = 400,
    };

    /// <summary>Checks the arguments against the schema, then invokes the real functions, which proves
    /// they bind to the C# parameter types.</summary>
    private static async Task InvokeAllAsync(ClinicalTools tools, IEnumerable<FunctionCallContent> calls)
    {
        foreach (var call in calls)
        {
            var function = tools.Functions.Single(f => f.Name == call.Name);
            var errors = SchemaChecker.Check(function.JsonSchema, call.Arguments!);
            Assert.True(errors.Count == 0, $"{call.Name}: {string.Join("; ", errors)}");
            var violations = ToolCallValidator.Validate(function, call.Arguments);
            Assert.True(violations.Count == 0, string.Join("; ", violations.Select(v => v.Message)) + " in " + string.Join(" ", call.Arguments!.Select(a => $"{a.Key}=[{string.Join(",", (a.Value?.ToString() ?? "").Select(c => ((int)c).ToString("X4")))}]")));
            await function.InvokeAsync(new AIFunctionArguments(call.Arguments));
        }
    }
}
