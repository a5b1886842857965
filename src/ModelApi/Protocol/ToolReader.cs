using System.Text.Json;
using System.Text.RegularExpressions;
using ClinicalAgent.Agent.Runtime.Grammar;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>
/// Reads <c>tools</c> (function declarations) and <c>tool_choice</c> (<c>auto</c>, <c>none</c>, <c>required</c>,
/// or <c>{"type": "function", "function": {"name"}}</c>). Each parameters schema is compiled now, so one the
/// runtime's grammar cannot express is a 400 naming it rather than a failure mid-generation.
/// </summary>
internal static partial class ToolReader
{
    private static readonly JsonElement EmptyParameters = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>The declarations and each one's schema by name.</summary>
    public static (List<AITool> Tools, Dictionary<string, JsonElement> Schemas) ReadTools(JsonElement root)
    {
        var tools = new List<AITool>();
        var schemas = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (JsonFields.Optional(root, "tools") is not { } array)
            return (tools, schemas);
        JsonFields.Array(array, "tools");
        var index = 0;
        foreach (var tool in array.EnumerateArray())
        {
            var path = $"tools[{index}]";
            JsonFields.Object(tool, path);
            if (JsonFields.String(tool, "type", $"{path}.type") is { } type && type != "function")
                throw ModelApiException.BadField($"{path}.type", $"'{path}.type' must be function, not '{type}'.");
            var function = JsonFields.Optional(tool, "function") is { } f ? JsonFields.Object(f, $"{path}.function")
                : throw ModelApiException.BadField($"{path}.function", $"'{path}.function' is required.");
            var name = JsonFields.RequiredString(function, "name", $"{path}.function.name");
            if (!FunctionName().IsMatch(name))
                throw ModelApiException.BadField($"{path}.function.name", $"'{path}.function.name' must be 1 to 64 letters, digits, '_' or '-'.");
            if (!schemas.TryAdd(name, default))
                throw ModelApiException.BadField($"{path}.function.name", $"'{path}.function.name': the tool '{name}' is declared twice.");
            var parameters = JsonFields.Optional(function, "parameters") is { } p ? JsonFields.Object(p, $"{path}.function.parameters").Clone() : EmptyParameters;
            try
            {
                SchemaConformance.Relaxed(parameters, name);
            }
            catch (NotSupportedException e)
            {
                throw ModelApiException.BadField($"{path}.function.parameters", $"'{path}.function.parameters' cannot be enforced: {e.Message}");
            }

            schemas[name] = parameters;
            tools.Add(AIFunctionFactory.CreateDeclaration(name, JsonFields.String(function, "description", $"{path}.function.description"), parameters));
            index++;
        }

        return (tools, schemas);
    }

    /// <summary>The tool mode; auto when tools are offered and no choice is given.</summary>
    public static ChatToolMode? ReadChoice(JsonElement root, IReadOnlyDictionary<string, JsonElement> schemas)
    {
        if (JsonFields.Optional(root, "tool_choice") is not { } choice)
            return schemas.Count > 0 ? ChatToolMode.Auto : null;
        if (choice.ValueKind == JsonValueKind.String)
        {
            return choice.GetString() switch
            {
                "none" => ChatToolMode.None,
                "auto" => ChatToolMode.Auto,
                "required" when schemas.Count > 0 => ChatToolMode.RequireAny,
                "required" => throw ModelApiException.BadField("tool_choice", "'tool_choice' is required but no tools are given."),
                var other => throw ModelApiException.BadField("tool_choice", $"'tool_choice' must be none, auto, required or a named function, not '{other}'."),
            };
        }

        JsonFields.Object(choice, "tool_choice");
        var function = JsonFields.Optional(choice, "function") is { } f ? JsonFields.Object(f, "tool_choice.function")
            : throw ModelApiException.BadField("tool_choice.function", "'tool_choice.function' is required.");
        var name = JsonFields.RequiredString(function, "name", "tool_choice.function.name");
        return schemas.ContainsKey(name)
            ? ChatToolMode.RequireSpecific(name)
            : throw ModelApiException.BadField("tool_choice.function.name", $"'tool_choice.function.name': '{name}' is not among the tools.");
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex FunctionName();
}
