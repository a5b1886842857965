using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Vision;

/// <summary>Images through the real mtmd path: the tiny projector encodes them into the tiny model's context. What is
/// sampled is noise; what is counted (images encoded, tokens reused) is not.</summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class LocalVisionTests(TinyModelFixture model)
{
    private static readonly ChatOptions Options = new() { Seed = 3, MaxOutputTokens = 6 };

    [Fact]
    public async Task GetResponseAsync_ImageInUserMessage_EncodesItsTokensOnce()
    {
        using var client = Client();
        ChatMessage[] messages = [new(ChatRole.User, [new TextContent("What does this radiograph show?"), TestImages.Png(1)])];

        var response = await client.GetResponseAsync(messages, Options);

        Assert.Equal(1, TestImages.Count(response, "EncodedImages"));
        Assert.Equal(TinyGemmaProjector.ImageTokens, TestImages.Count(response, "ImageTokens"));
        var textOnly = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "What does this radiograph show?")], Options);
        // The image's embeddings and mtmd's <start_of_image>/<end_of_image> around them; the marker is not text.
        Assert.InRange(response.Usage!.InputTokenCount!.Value - textOnly.Usage!.InputTokenCount!.Value,
            TinyGemmaProjector.ImageTokens + 2, TinyGemmaProjector.ImageTokens + 5);
    }

    [Fact]
    public async Task GetResponseAsync_FollowUpAboutSameImage_ReusesItFromTheCacheWithoutEncoding()
    {
        using var client = Client();
        var history = new List<ChatMessage> { new(ChatRole.User, [new TextContent("Is there an effusion?"), TestImages.Png(2)]) };
        var first = await client.GetResponseAsync(history, Options);
        history.AddRange(first.Messages);
        // The image arrives again as a new object with the same bytes, as a caller rebuilding the history would send it.
        history[0] = new ChatMessage(ChatRole.User, [new TextContent("Is there an effusion?"), TestImages.Png(2)]);
        history.Add(new ChatMessage(ChatRole.User, "And the heart size?"));

        var second = await client.GetResponseAsync(history, Options);

        Assert.Equal(1, TestImages.Count(first, "EncodedImages"));
        Assert.Equal(0, TestImages.Count(second, "EncodedImages"));
        Assert.True(second.Usage!.CachedInputTokenCount >= first.Usage!.InputTokenCount,
            $"cached {second.Usage.CachedInputTokenCount} of a first prompt of {first.Usage.InputTokenCount}");
    }

    [Fact]
    public async Task GetResponseAsync_SameTextOtherImage_EncodesTheNewImage()
    {
        using var client = Client(o => o.MaxConversations = 1);
        ChatMessage[] Ask(int seed) => [new(ChatRole.User, [new TextContent("Describe the lesion."), TestImages.Png(seed)])];
        var first = await client.GetResponseAsync(Ask(3), Options);

        var other = await client.GetResponseAsync(Ask(4), Options);

        Assert.Equal(first.Usage!.InputTokenCount, other.Usage!.InputTokenCount);
        Assert.Equal(1, TestImages.Count(other, "EncodedImages"));
        // Reuse stops before the image: the text before it is the same, the picture is not.
        Assert.True(other.Usage.CachedInputTokenCount < first.Usage.InputTokenCount - TinyGemmaProjector.ImageTokens,
            $"cached {other.Usage.CachedInputTokenCount}");
    }

    [Fact]
    public async Task GetResponseAsync_ImageAsToolResult_IsEncoded()
    {
        using var client = Client();
        var call = new FunctionCallContent("c1", "get_image", new Dictionary<string, object?> { ["image_id"] = "Media/m1" });
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Look at the latest photograph."),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", TestImages.Png(5))]),
        ];

        var response = await client.GetResponseAsync(messages, Options);

        Assert.Equal(1, TestImages.Count(response, "EncodedImages"));
    }

    [Fact]
    public async Task GetResponseAsync_ToolMessageWithTextAndImageItems_EncodesEachImage()
    {
        using var client = Client();
        var call = new FunctionCallContent("c1", "compare_images", new Dictionary<string, object?>());
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Compare with the prior."),
            new(ChatRole.Assistant, [call]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", new AIContent[] { new TextContent("current then prior"), TestImages.Png(6) }), TestImages.Png(7)]),
        ];

        var response = await client.GetResponseAsync(messages, Options);

        Assert.Equal(2, TestImages.Count(response, "EncodedImages"));
        Assert.Equal(2 * TinyGemmaProjector.ImageTokens, TestImages.Count(response, "ImageTokens"));
    }

    [Fact]
    public async Task GetResponseAsync_DecodedPixelsAsRawRepresentation_AreEncodedWithoutPngBytes()
    {
        using var client = Client();
        var pixels = TestImages.Pixels(8);
        var raw = new DataContent(pixels.Rgb24, "image/x-rgb24") { RawRepresentation = pixels };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("What is this?"), raw])], Options);

        Assert.Equal(1, TestImages.Count(response, "EncodedImages"));
    }

    [Fact]
    public async Task GetResponseAsync_ImageWithoutProjector_FailsWithOneLineNamingTheSetting()
    {
        using var client = LocalRuntime.Client(model.ModelPath);

        var error = await Assert.ThrowsAsync<ImageInputException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("What is this?"), TestImages.Png(1)])], Options));

        Assert.Contains("Model:MmprojPath", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task GetResponseAsync_PngThatIsNotAnImage_FailsClearlyAndTheClientStillWorks()
    {
        using var client = Client();
        var broken = new DataContent("not a picture at all"u8.ToArray(), "image/png");

        var error = await Assert.ThrowsAsync<ImageInputException>(() =>
            client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("What is this?"), broken])], Options));
        var after = await client.GetResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("And this?"), TestImages.Png(9)])], Options);

        Assert.Contains("image/png", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(1, TestImages.Count(after, "EncodedImages"));
    }

    [Fact]
    public async Task GetStreamingResponseAsync_Image_ReportsTheEncodeInItsUsage()
    {
        using var client = Client();
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, [new TextContent("Findings?"), TestImages.Png(10)])], Options))
            updates.Add(update);

        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().Single();
        Assert.Equal(1, usage.Details.AdditionalCounts!["EncodedImages"]);
    }

    private LocalChatClient Client(Action<LocalModelOptions>? configure = null) => LocalRuntime.Client(model.ModelPath, o =>
    {
        o.MmprojPath = model.ProjectorPath;
        o.ContextSize = 1024;
        configure?.Invoke(o);
    });
}
