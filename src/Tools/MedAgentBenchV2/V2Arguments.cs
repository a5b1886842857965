using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Tools.MedAgentBenchV2;

/// <summary>
/// A v2 tool call's arguments as one JSON object, whatever the caller handed over (the agent loop passes JSON
/// elements, a C# caller strings and numbers), with the checks the schema cannot state and errors that name the field.
/// </summary>
internal sealed class V2Arguments(string tool, JsonObject values)
{
    /// <summary>How bodies and answers are written: text as given (<c>+00:00</c>, not <c>\u002B00:00</c>).</summary>
    public static JsonSerializerOptions Json { get; } = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The arguments as JSON, in the order given.</summary>
    public JsonObject Values => values;

    public static V2Arguments From(string tool, AIFunctionArguments arguments)
    {
        var values = new JsonObject();
        foreach (var (key, value) in arguments)
        {
            values[key] = value switch
            {
                null => null,
                JsonNode node => node.DeepClone(),
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                _ => JsonSerializer.SerializeToNode(value),
            };
        }

        return new V2Arguments(tool, values);
    }

    /// <summary>The string <paramref name="name"/>, or null when it is absent, null or blank.</summary>
    /// <exception cref="ToolArgumentException">It is there but not a string.</exception>
    public string? Text(string name)
    {
        if (values[name] is not { } node)
            return null;
        if (node.GetValueKind() != JsonValueKind.String)
            throw Error($"'{name}' must be a string");
        var text = node.GetValue<string>().Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>The string <paramref name="name"/>, which must be given.</summary>
    public string Required(string name) => Text(name) ?? throw Error($"'{name}' is required");

    /// <summary>The patient id in <paramref name="name"/>, given as <c>S123</c> or <c>Patient/S123</c> as v2's searches allow.</summary>
    public string PatientId(string name)
    {
        var value = Required(name);
        var id = value.StartsWith("Patient/", StringComparison.Ordinal) ? value["Patient/".Length..] : value;
        return id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) ? id : throw Error($"'{name}' must be a patient id such as S1234567 or Patient/S1234567, not '{value}'");
    }

    /// <summary>An error for this tool the model can act on.</summary>
    public ToolArgumentException Error(string problem) => new($"{tool}: {problem}.");
}
