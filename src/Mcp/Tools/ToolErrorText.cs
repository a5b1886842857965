using System.Text.Json;

namespace ClinicalAgent.Mcp.Tools;

/// <summary>Recognises the tools' error results (<c>{"error": "..."}</c>) and keeps only their message.</summary>
internal static class ToolErrorText
{
    /// <summary>The message of an error result; null for any other result.</summary>
    public static string? MessageOf(string text)
    {
        if (!text.StartsWith("{\"error\"", StringComparison.Ordinal))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String
                ? error.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
