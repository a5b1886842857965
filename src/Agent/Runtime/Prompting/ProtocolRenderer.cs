using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>
/// Renders calls, results and tool declarations in the protocol's JSON, in the spelling the
/// grammar accepts, so the model sees its own past calls exactly as it would write them.
/// </summary>
internal static class ProtocolRenderer
{
    public static string ToolCalls(IEnumerable<FunctionCallContent> calls)
    {
        var builder = new StringBuilder();
        builder.Append("{\"").Append(ReplyProtocol.ToolCalls).Append("\": [");
        var first = true;
        foreach (var call in calls)
        {
            builder.Append(first ? "" : ", ");
            first = false;
            builder.Append("{\"").Append(ReplyProtocol.Name).Append("\": ");
            ProtocolJson.AppendQuoted(builder, call.Name);
            builder.Append(", \"").Append(ReplyProtocol.Arguments).Append("\": {");
            var firstArgument = true;
            foreach (var (name, value) in call.Arguments ?? new Dictionary<string, object?>())
            {
                builder.Append(firstArgument ? "" : ", ");
                firstArgument = false;
                ProtocolJson.AppendQuoted(builder, name);
                builder.Append(": ");
                ProtocolJson.Append(builder, ToElement(value));
            }

            builder.Append("}}");
        }

        return builder.Append("]}").ToString();
    }

    /// <summary>The results as one <c>{"tool_results": [...]}</c> object; an image in a result is named by its number in
    /// <paramref name="imageNumbers"/>, since its pixels follow the block.</summary>
    public static string ToolResults(IEnumerable<FunctionResultContent> results, IReadOnlyDictionary<string, string> toolNames,
        IReadOnlyDictionary<DataContent, int>? imageNumbers = null)
    {
        var builder = new StringBuilder();
        builder.Append("{\"").Append(ReplyProtocol.ToolResults).Append("\": [");
        var first = true;
        foreach (var result in results)
        {
            builder.Append(first ? "" : ", ");
            first = false;
            builder.Append("{\"").Append(ReplyProtocol.CallId).Append("\": ");
            ProtocolJson.AppendQuoted(builder, result.CallId);
            builder.Append(", \"").Append(ReplyProtocol.Name).Append("\": ");
            if (toolNames.TryGetValue(result.CallId, out var name))
            {
                ProtocolJson.AppendQuoted(builder, name);
            }
            else
            {
                builder.Append("null");
            }

            builder.Append(", \"").Append(ReplyProtocol.Result).Append("\": ");
            AppendResult(builder, result, imageNumbers);
            builder.Append('}');
        }

        return builder.Append("]}").ToString();
    }

    /// <summary>One line per tool: name, description, parameters schema.</summary>
    public static string ToolDeclarations(IEnumerable<AIFunctionDeclaration> tools)
    {
        var builder = new StringBuilder();
        foreach (var tool in tools)
        {
            builder.Append(builder.Length == 0 ? "" : "\n");
            builder.Append("{\"name\": ");
            ProtocolJson.AppendQuoted(builder, tool.Name);
            if (!string.IsNullOrWhiteSpace(tool.Description))
            {
                builder.Append(", \"description\": ");
                ProtocolJson.AppendQuoted(builder, tool.Description.Trim());
            }

            builder.Append(", \"parameters\": ");
            ProtocolJson.Append(builder, tool.JsonSchema);
            builder.Append('}');
        }

        return builder.ToString();
    }

    private static void AppendResult(StringBuilder builder, FunctionResultContent result, IReadOnlyDictionary<DataContent, int>? imageNumbers)
    {
        switch (result.Result)
        {
            case DataContent image when imageNumbers is not null && imageNumbers.TryGetValue(image, out var number):
                ProtocolJson.AppendQuoted(builder, ImageReference(number));
                break;
            case IEnumerable<AIContent> contents:
                // A result of several contents (text and images, as M.E.AI tools may return): one array item each.
                builder.Append('[');
                var firstItem = true;
                foreach (var content in contents)
                {
                    builder.Append(firstItem ? "" : ", ");
                    firstItem = false;
                    AppendContent(builder, content, imageNumbers);
                }

                builder.Append(']');
                break;
            case null when result.Exception is not null:
                builder.Append("{\"error\": ");
                ProtocolJson.AppendQuoted(builder, result.Exception.Message);
                builder.Append('}');
                break;
            case string text:
                // Tools often return JSON already serialized; embed it as JSON rather than a quoted string.
                if (TryParseStructured(text, out var parsed))
                {
                    ProtocolJson.Append(builder, parsed);
                }
                else
                {
                    ProtocolJson.AppendQuoted(builder, text);
                }

                break;
            default:
                ProtocolJson.Append(builder, ToElement(result.Result));
                break;
        }
    }

    private static void AppendContent(StringBuilder builder, AIContent content, IReadOnlyDictionary<DataContent, int>? imageNumbers)
    {
        switch (content)
        {
            case DataContent image when imageNumbers is not null && imageNumbers.TryGetValue(image, out var number):
                ProtocolJson.AppendQuoted(builder, ImageReference(number));
                break;
            case TextContent text when TryParseStructured(text.Text, out var parsed):
                ProtocolJson.Append(builder, parsed);
                break;
            case TextContent text:
                ProtocolJson.AppendQuoted(builder, text.Text);
                break;
            default:
                ProtocolJson.Append(builder, ToElement(content));
                break;
        }
    }

    private static string ImageReference(int number) => $"image {number} (attached after the results)";

    private static bool TryParseStructured(string text, out JsonElement element)
    {
        element = default;
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static JsonElement ToElement(object? value) => value switch
    {
        JsonElement element => element,
        JsonDocument document => document.RootElement,
        _ => JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value?.GetType() ?? typeof(object))),
    };
}
