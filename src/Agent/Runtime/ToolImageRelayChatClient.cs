using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// Lets images a tool returned reach a model behind the OpenAI chat protocol, whose tool messages carry text only
/// (M.E.AI's adapter would serialize the image into the tool message as base64 JSON text). Each image in a tool
/// result, or as an item of a tool message, is replaced there by <c>"image N (attached in the next message)"</c>
/// and sent in a user message right after the run of tool messages (which must directly follow the call), as
/// <c>image N:</c> and the image, which the adapter sends as an <c>image_url</c> data URL.
/// </summary>
internal sealed class ToolImageRelayChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Relay(messages), options, cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(Relay(messages), options, cancellationToken).ConfigureAwait(false))
            yield return update;
    }

    /// <summary>The messages with tool images moved into user messages; the same list when there are none.</summary>
    internal static IReadOnlyList<ChatMessage> Relay(IEnumerable<ChatMessage> messages)
    {
        var list = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        if (!list.Any(m => m.Role == ChatRole.Tool && m.Contents.Any(HoldsImage)))
            return list;

        var result = new List<ChatMessage>();
        var pending = new List<AIContent>();
        var number = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            if (message.Role != ChatRole.Tool || !message.Contents.Any(HoldsImage))
            {
                result.Add(message);
                continue;
            }

            var contents = new List<AIContent>();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case FunctionResultContent call when ImageContents.InResult(call).Any():
                        contents.Add(new FunctionResultContent(call.CallId, Replace(call.Result, pending, ref number)));
                        break;
                    case DataContent image when ImageContents.IsImage(image):
                        Attach(image, pending, ref number);
                        break;
                    default:
                        contents.Add(content);
                        break;
                }
            }

            result.Add(new ChatMessage(ChatRole.Tool, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId });
            if (pending.Count > 0 && (i + 1 == list.Count || list[i + 1].Role != ChatRole.Tool))
            {
                result.Add(new ChatMessage(ChatRole.User, [.. pending]));
                pending.Clear();
            }
        }

        return result;
    }

    private static bool HoldsImage(AIContent content) =>
        ImageContents.IsImage(content) || (content is FunctionResultContent result && ImageContents.InResult(result).Any());

    private static object? Replace(object? result, List<AIContent> pending, ref int number)
    {
        if (result is DataContent image)
            return Attach(image, pending, ref number);
        var parts = new List<string>();
        foreach (var content in (IEnumerable<AIContent>)result!)
        {
            if (ImageContents.IsImage(content))
                parts.Add(Attach((DataContent)content, pending, ref number));
            else if (content is TextContent text)
                parts.Add(text.Text);
        }

        return string.Join("\n", parts);
    }

    private static string Attach(DataContent image, List<AIContent> pending, ref int number)
    {
        number++;
        pending.Add(new TextContent($"image {number}:"));
        pending.Add(image);
        return $"image {number} (attached in the next message)";
    }
}
