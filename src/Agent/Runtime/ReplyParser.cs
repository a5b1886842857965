using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime;

/// <summary>
/// Reads a model reply in the protocol: thinking spans are split off; what remains is a tool-calls
/// object if it starts with <c>{</c>, otherwise the final answer.
/// </summary>
public static class ReplyParser
{
    /// <summary>Call ids are a process-wide counter from a random start: unique within the process
    /// and unlikely to repeat across restarts of a resumed conversation.</summary>
    private static uint s_nextCallId = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>Parses <paramref name="reply"/>.</summary>
    /// <param name="reply">The raw generated text.</param>
    /// <param name="tools">The tools that were offered; a call to any other is an error.</param>
    /// <exception cref="ReplyFormatException">The reply starts with <c>{</c> but is not a valid
    /// tool-calls object, or calls a tool that was not offered.</exception>
    /// <remarks>Argument values: JSON strings become <see cref="string"/>, JSON null becomes null,
    /// everything else stays a (cloned) <see cref="JsonElement"/>. Functions made by
    /// <see cref="AIFunctionFactory"/> and Semantic Kernel functions both convert these to their
    /// parameter types (Semantic Kernel cannot turn a <see cref="JsonElement"/> string into an enum,
    /// hence the plain strings).</remarks>
    public static ParsedReply Parse(string reply, IReadOnlyList<AIFunctionDeclaration> tools)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(tools);

        var (rest, thinking) = ThinkingSpans.Extract(reply);
        var text = rest.Trim();
        if (!text.StartsWith('{'))
        {
            return new ParsedReply(text.Length == 0 ? null : text, [], thinking);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new ReplyFormatException($"The reply starts with '{{' but is not valid JSON: {e.Message}", reply, e);
        }

        using (document)
        {
            try
            {
                return new ParsedReply(null, ReadCalls(document.RootElement, tools, reply), thinking);
            }
            catch (InvalidOperationException e)
            {
                // Valid JSON that is no text: a \u escape of a lone UTF-16 surrogate.
                throw new ReplyFormatException($"The reply holds a string that is not valid text: {e.Message}", reply, e);
            }
        }
    }

    private static List<FunctionCallContent> ReadCalls(JsonElement root, IReadOnlyList<AIFunctionDeclaration> tools, string reply)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty(ReplyProtocol.ToolCalls, out var calls)
            || calls.ValueKind != JsonValueKind.Array
            || calls.GetArrayLength() == 0)
        {
            throw new ReplyFormatException($"A JSON reply must be {{\"{ReplyProtocol.ToolCalls}\": [...]}} with at least one call.", reply);
        }

        var result = new List<FunctionCallContent>();
        foreach (var call in calls.EnumerateArray())
        {
            if (call.ValueKind != JsonValueKind.Object
                || !call.TryGetProperty(ReplyProtocol.Name, out var name)
                || name.ValueKind != JsonValueKind.String)
            {
                throw new ReplyFormatException($"Each tool call must be an object with a string \"{ReplyProtocol.Name}\".", reply);
            }

            var toolName = name.GetString()!;
            if (!tools.Any(t => t.Name == toolName))
            {
                var offered = tools.Count == 0 ? "none" : string.Join(", ", tools.Select(t => t.Name));
                throw new ReplyFormatException($"The reply calls unknown tool '{toolName}'; offered: {offered}.", reply);
            }

            result.Add(new FunctionCallContent(NewCallId(), toolName, ReadArguments(call, toolName, reply)));
        }

        return result;
    }

    private static Dictionary<string, object?> ReadArguments(JsonElement call, string toolName, string reply)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (!call.TryGetProperty(ReplyProtocol.Arguments, out var values) || values.ValueKind == JsonValueKind.Null)
        {
            return arguments;
        }

        if (values.ValueKind != JsonValueKind.Object)
        {
            throw new ReplyFormatException($"The \"{ReplyProtocol.Arguments}\" of the call to '{toolName}' must be a JSON object.", reply);
        }

        foreach (var property in values.EnumerateObject())
        {
            arguments[property.Name] = property.Value.ValueKind switch
            {
                // A JSON null becomes a .NET null so optional parameters take it as "not given".
                JsonValueKind.Null => null,
                // Semantic Kernel converts a string, but not a JsonElement string, to an enum
                // parameter; AIFunctionFactory accepts both.
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.Clone(),
            };
        }

        return arguments;
    }

    private static string NewCallId() => $"call_{Interlocked.Increment(ref s_nextCallId):x8}";
}
