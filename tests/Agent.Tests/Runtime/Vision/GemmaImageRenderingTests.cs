using ClinicalAgent.Agent.Runtime.Prompting;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Tests.Runtime.Vision;

public sealed class GemmaImageRenderingTests
{
    private readonly GemmaPromptFormatter _formatter = new();

    [Fact]
    public void Render_TextThenImage_RecordsTheMarkerWhereTheImageStands()
    {
        var png = TestImages.Png(1);
        ChatMessage[] messages = [new(ChatRole.User, [new TextContent("Any effusion?"), png])];

        var rendered = _formatter.Render(messages);

        Assert.Equal("<start_of_turn>user\nAny effusion?\n\n<__media__><end_of_turn>\n<start_of_turn>model\n", rendered.Text);
        var image = Assert.Single(rendered.Images);
        Assert.Same(png, image.Content);
        Assert.Equal(rendered.Text.IndexOf(RenderedPrompt.MediaMarker, StringComparison.Ordinal), image.Offset);
    }

    [Fact]
    public void Render_MarkerTypedAsText_IsNoImage()
    {
        ChatMessage[] messages = [new(ChatRole.User, "What is <__media__>?")];

        var rendered = _formatter.Render(messages);

        Assert.Empty(rendered.Images);
        Assert.Contains("What is <__media__>?", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ImageToolResult_NamesItInTheResultAndAttachesItAfterTheBlock()
    {
        var png = TestImages.Png(2);
        ChatMessage[] messages =
        [
            new(ChatRole.User, "Show the photograph."),
            new(ChatRole.Assistant, [new FunctionCallContent("c1", "get_image", new Dictionary<string, object?> { ["image_id"] = "Media/m1" })]),
            new(ChatRole.Tool, [new FunctionResultContent("c1", png)]),
        ];

        var rendered = _formatter.Render(messages);

        Assert.Contains("{\"tool_results\": [{\"call_id\": \"c1\", \"name\": \"get_image\", \"result\": \"image 1 (attached after the results)\"}]}\n\nimage 1: <__media__>",
            rendered.Text, StringComparison.Ordinal);
        Assert.Same(png, Assert.Single(rendered.Images).Content);
        Assert.DoesNotContain("base64", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConversationContinued_EarlierImagesKeepTheirOffsets()
    {
        var history = new List<ChatMessage>
        {
            new(ChatRole.User, [new TextContent("First film."), TestImages.Png(3)]),
            new(ChatRole.Assistant, "Clear lungs."),
        };
        var shorter = _formatter.Render(history);
        history.Add(new ChatMessage(ChatRole.User, [new TextContent("And this one?"), TestImages.Png(4)]));

        var longer = _formatter.Render(history);

        Assert.StartsWith(shorter.Text[..^GemmaPromptFormatter.GenerationPrompt.Length], longer.Text, StringComparison.Ordinal);
        Assert.Equal(shorter.Images[0].Offset, longer.Images[0].Offset);
        Assert.Equal(2, longer.Images.Count);
    }
}
