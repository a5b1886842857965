using Microsoft.Extensions.AI;
using ClinicalAgent.TestKit;

namespace ClinicalAgent.Agent.Tests.Runtime;

[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class ConversationPoolTests(TinyModelFixture model)
{
    [Fact]
    public async Task GetResponseAsync_TwoConversationsInterleaved_EachReusesItsOwnCache()
    {
        using var client = LocalRuntime.Client(model.ModelPath, o => o.MaxConversations = 2);
        var options = new ChatOptions { Seed = 2, MaxOutputTokens = 8 };
        var alice = new List<ChatMessage> { new(ChatRole.User, "Summarise the potassium trend of Alice Smith over the last week.") };
        var bob = new List<ChatMessage> { new(ChatRole.User, "List the active medications of Bob Jones with their doses.") };

        alice.AddRange((await client.GetResponseAsync(alice, options)).Messages);
        bob.AddRange((await client.GetResponseAsync(bob, options)).Messages);
        alice.Add(new ChatMessage(ChatRole.User, "And sodium?"));
        bob.Add(new ChatMessage(ChatRole.User, "And allergies?"));
        var aliceNext = await client.GetResponseAsync(alice, options);
        var bobNext = await client.GetResponseAsync(bob, options);

        Assert.True(aliceNext.Usage!.CachedInputTokenCount > 10, $"alice reused {aliceNext.Usage.CachedInputTokenCount}");
        Assert.True(bobNext.Usage!.CachedInputTokenCount > 10, $"bob reused {bobNext.Usage.CachedInputTokenCount}");
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentRequests_AllComplete()
    {
        using var client = LocalRuntime.Client(model.ModelPath, o => o.MaxConversations = 2);
        var requests = Enumerable.Range(1, 4).Select(i => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, $"Question number {i} about the ward.")],
            new ChatOptions { Seed = i, MaxOutputTokens = 12 }));

        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.NotNull(r.FinishReason));
    }

    [Fact]
    public async Task GetResponseAsync_ConcurrentRequestsThatDoNotFitTogether_WaitForRoomAndAllComplete()
    {
        // Four conversations, a context that holds the prompt and output budget of only one at a time: the KV cells are
        // shared, so the others must wait for room instead of failing half way through a decode.
        using var client = LocalRuntime.Client(model.ModelPath, o =>
        {
            o.MaxConversations = 4;
            o.ContextSize = 1024;
            o.BatchSize = 64;
        });
        var padding = string.Join(' ', Enumerable.Range(0, 45).Select(i => $"value{i}"));
        var requests = Enumerable.Range(1, 4).Select(i => client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, $"Question {i}: {padding}")],
            new ChatOptions { Seed = i, MaxOutputTokens = 200, Temperature = 1 }));

        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.True(r.Usage!.InputTokenCount > 300, $"prompt of {r.Usage.InputTokenCount} tokens"));
        Assert.All(responses, r => Assert.True(r.Usage!.InputTokenCount + 200 > 1024 / 2, "two requests would fit together"));
        Assert.All(responses, r => Assert.NotNull(r.FinishReason));
    }

    [Fact]
    public async Task GetResponseAsync_SamePromptTwice_SecondEvaluatesOneToken()
    {
        using var client = LocalRuntime.Client(model.ModelPath, o => o.MaxConversations = 1);
        var options = new ChatOptions { Seed = 4, MaxOutputTokens = 4 };
        ChatMessage[] prompt = [new(ChatRole.User, "Is the patient on warfarin?")];

        var first = await client.GetResponseAsync(prompt, options);
        var second = await client.GetResponseAsync(prompt, options);

        Assert.Equal(first.Usage!.InputTokenCount - 1, second.Usage!.CachedInputTokenCount);
        Assert.Equal(1, second.Usage.AdditionalCounts!["EvaluatedInputTokens"]);
    }
}
