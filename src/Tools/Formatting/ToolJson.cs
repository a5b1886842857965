using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicalAgent.Tools.Formatting;

/// <summary>
/// The JSON the model reads: camelCase, no nulls, no indentation (every token costs context), and errors as
/// <c>{"error": "..."}</c>.
/// </summary>
internal static class ToolJson
{
    /// <summary>The serializer settings of every tool result.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new ToolTableConverter() },
    };

    /// <summary>A result record as the model sees it.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>An error the model can read and act on.</summary>
    public static string Error(string message) => JsonSerializer.Serialize(new { error = message }, Options);
}
