using System.ComponentModel.DataAnnotations;
using System.Text;
using ClinicalAgent.Agent.Runtime.Local;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
public sealed class LocalChatClientTests(TinyModelFixture model, ITestOutputHelper output)
{
    private static readonly ChatMessage[] Question =
    [
        new(ChatRole.System, "You are a clinical assistant. Use the tools to look up data before answering."),
        new(ChatRole.User, "What was the last potassium of patient 123?"),
    ];

    [Fact]
    public async Task GetResponseAsync_RequiredTools_ReturnsValidCallsForEverySeed()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);
        var finishes = new List<string>();

        for (var seed = 1; seed <= 32; seed++)
        {
            var response = await client.GetResponseAsync(Question, Options(tools, ChatToolMode.RequireAny, seed));

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
            Assert.NotEmpty(calls);
            await InvokeAllAsync(tools, calls);
            finishes.Add($"{seed}: {string.Join("; ", calls.Select(c => c.Name))}");
        }

        output.WriteLine(tools.Functions[0].JsonSchema.GetRawText());
        output.WriteLine(string.Join("\n", tools.Calls.Take(10)));
    }

    [Fact]
    public async Task GetResponseAsync_BoundedInteger_StaysWithinMaximum()
    {
        var calls = new List<int>();
        var tool = AIFunctionFactory.Create(
            ([Range(1, 50)] int count) => calls.Add(count), "get_observations", "Recent observations.");
        using var client = LocalRuntime.Client(model.ModelPath);

        for (var seed = 1; seed <= 32; seed++)
        {
            var response = await client.GetResponseAsync(Question, new ChatOptions { Tools = [tool], ToolMode = ChatToolMode.RequireAny, Seed = seed, Temperature = 1 });
            foreach (var call in response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>())
                Assert.Empty(SchemaChecker.Check(tool.JsonSchema, call.Arguments!));
        }
    }

    [Fact]
    public async Task GetResponseAsync_AutoTools_CallsAreValidOrTextForEverySeed()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);
        int callReplies = 0, textReplies = 0;

        for (var seed = 1; seed <= 32; seed++)
        {
            var response = await client.GetResponseAsync(Question, Options(tools, ChatToolMode.Auto, seed));

            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0)
            {
                callReplies++;
                Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
                await InvokeAllAsync(tools, calls);
            }
            else
            {
                textReplies++;
                Assert.False(string.IsNullOrEmpty(response.Text));
                Assert.NotEqual('{', response.Text[0]);
            }
        }

        output.WriteLine($"calls {callReplies}, text {textReplies}");
    }

    [Fact]
    public async Task GetResponseAsync_ToolModeNone_ReturnsTextOnly()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);
        var options = Options(tools, ChatToolMode.None, 7);
        options.MaxOutputTokens = 40;

        var response = await client.GetResponseAsync(Question, options);

        Assert.Empty(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.NotEqual(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.InRange(response.Usage!.OutputTokenCount!.Value, 1, 40);
        output.WriteLine(response.Text);
    }

    [Fact]
    public async Task GetResponseAsync_SecondTurnExtendsFirst_EvaluatesOnlyNewTokens()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);
        var options = Options(tools, ChatToolMode.RequireAny, 3);
        var history = Question.ToList();

        var first = await client.GetResponseAsync(history, options);
        history.AddRange(first.Messages);
        var call = first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().First();
        history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, "[{\"value\": 4.1, \"unit\": \"mmol/L\"}]")]));
        var second = await client.GetResponseAsync(history, options);

        var firstUsage = first.Usage!;
        var secondUsage = second.Usage!;
        var evaluated = secondUsage.AdditionalCounts!["EvaluatedInputTokens"];
        output.WriteLine($"turn 1: prompt {firstUsage.InputTokenCount}, output {firstUsage.OutputTokenCount}, cached {firstUsage.CachedInputTokenCount}, evaluated {firstUsage.AdditionalCounts!["EvaluatedInputTokens"]}");
        output.WriteLine($"turn 2: prompt {secondUsage.InputTokenCount}, cached {secondUsage.CachedInputTokenCount}, evaluated {evaluated}");
        Assert.Equal(0, firstUsage.CachedInputTokenCount);
        Assert.True(secondUsage.CachedInputTokenCount >= firstUsage.InputTokenCount,
            $"second turn reused {secondUsage.CachedInputTokenCount} tokens; the first prompt had {firstUsage.InputTokenCount}");
        Assert.Equal(secondUsage.InputTokenCount - secondUsage.CachedInputTokenCount, evaluated);
        Assert.True(evaluated * 2 < secondUsage.InputTokenCount, $"evaluated {evaluated} of {secondUsage.InputTokenCount}");
    }

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
        output.WriteLine($"{updates.Count} updates: {text}");
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 3, $"only {updates.Count} updates");
        Assert.Equal(expected.Text, text.ToString());
        Assert.Equal(expected.FinishReason, updates[^1].FinishReason);
        var usage = updates[^1].Contents.OfType<UsageContent>().Single().Details;
        Assert.Equal(expected.Usage!.OutputTokenCount, usage.OutputTokenCount);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_ToolCallReply_YieldsCallsAtTheEndWithoutText()
    {
        var tools = new ClinicalTools();
        using var client = LocalRuntime.Client(model.ModelPath);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync(Question, Options(tools, ChatToolMode.RequireAny, 9)))
            updates.Add(update);

        Assert.All(updates, u => Assert.Equal("", u.Text));
        var calls = updates[^1].Contents.OfType<FunctionCallContent>().ToList();
        Assert.NotEmpty(calls);
        Assert.Equal(ChatFinishReason.ToolCalls, updates[^1].FinishReason);
        await InvokeAllAsync(tools, calls);
    }

    [Fact]
    public async Task GetStreamingResponseAsync_CancelledMidway_ThrowsAndNextRequestWorks()
    {
        using var client = LocalRuntime.Client(model.ModelPath);
        var options = new ChatOptions { Seed = 5, MaxOutputTokens = 200, Temperature = 0.8f };
        using var cancellation = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question, options, cancellation.Token))
            {
                if (update.Text.Length > 0 && ++seen == 3)
                    cancellation.Cancel();
            }
        });
        var after = await client.GetResponseAsync(Question, options);

        Assert.Equal(3, seen);
        Assert.NotNull(after.FinishReason);
        Assert.True(after.Usage!.CachedInputTokenCount > 0, "the cancelled request's prompt should still be cached");
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
            await function.InvokeAsync(new AIFunctionArguments(call.Arguments));
        }
    }
}
