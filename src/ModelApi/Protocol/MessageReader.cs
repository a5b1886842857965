using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>
/// Reads OpenAI <c>messages</c> into Microsoft.Extensions.AI messages: roles system (and developer), user, assistant
/// (text and <c>tool_calls</c>) and tool (a result for <c>tool_call_id</c>); content as a string or parts.
/// </summary>
internal static class MessageReader
{
    /// <summary>Reads the array.</summary>
    public static List<ChatMessage> Read(JsonElement messages)
    {
        JsonFields.Array(messages, "messages");
        if (messages.GetArrayLength() == 0)
            throw ModelApiException.BadField("messages", "'messages' must hold at least one message.");
        var result = new List<ChatMessage>();
        var index = 0;
        foreach (var message in messages.EnumerateArray())
        {
            result.Add(ReadOne(message, $"messages[{index}]"));
            index++;
        }

        return result;
    }

    private static ChatMessage ReadOne(JsonElement message, string path)
    {
        JsonFields.Object(message, path);
        var role = JsonFields.RequiredString(message, "role", $"{path}.role");
        return role switch
        {
            "system" or "developer" => new ChatMessage(ChatRole.System, TextOnly(message, path)),
            "user" => new ChatMessage(ChatRole.User, ContentPartReader.Read(message, path, allowImages: true)),
            "assistant" => Assistant(message, path),
            "tool" => Tool(message, path),
            _ => throw ModelApiException.BadField($"{path}.role", $"'{path}.role' must be system, developer, user, assistant or tool, not '{role}'."),
        };
    }

    private static ChatMessage Assistant(JsonElement message, string path)
    {
        var contents = JsonFields.Optional(message, "content") is null ? [] : ContentPartReader.Read(message, path, allowImages: false);
        if (JsonFields.Optional(message, "tool_calls") is { } calls)
        {
            JsonFields.Array(calls, $"{path}.tool_calls");
            var index = 0;
            foreach (var call in calls.EnumerateArray())
            {
                contents.Add(ToolCall(call, $"{path}.tool_calls[{index}]"));
                index++;
            }
        }

        if (contents.Count == 0)
            throw ModelApiException.BadField($"{path}.content", $"'{path}' has neither content nor tool_calls.");
        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static FunctionCallContent ToolCall(JsonElement call, string path)
    {
        JsonFields.Object(call, path);
        var id = JsonFields.RequiredString(call, "id", $"{path}.id");
        var function = JsonFields.Optional(call, "function") is { } f ? JsonFields.Object(f, $"{path}.function")
            : throw ModelApiException.BadField($"{path}.function", $"'{path}.function' is required.");
        var name = JsonFields.RequiredString(function, "name", $"{path}.function.name");
        var text = JsonFields.String(function, "arguments", $"{path}.function.arguments") ?? "{}";
        Dictionary<string, object?> arguments;
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw ModelApiException.BadField($"{path}.function.arguments", $"'{path}.function.arguments' must be a JSON object in a string.");
            arguments = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            throw ModelApiException.BadField($"{path}.function.arguments", $"'{path}.function.arguments' is not valid JSON.");
        }

        return new FunctionCallContent(id, name, arguments);
    }

    private static ChatMessage Tool(JsonElement message, string path)
    {
        var callId = JsonFields.RequiredString(message, "tool_call_id", $"{path}.tool_call_id");
        return new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, TextOnly(message, path))]);
    }

    /// <summary>A string, or text parts joined: system and tool messages carry no images.</summary>
    private static string TextOnly(JsonElement message, string path)
    {
        var parts = ContentPartReader.Read(message, path, allowImages: false);
        var text = new StringBuilder();
        foreach (var part in parts.OfType<TextContent>())
            text.Append(part.Text);
        return text.ToString();
    }
}
