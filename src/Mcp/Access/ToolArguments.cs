using System.Text.Json;

namespace ClinicalAgent.Mcp.Access;

/// <summary>Reads the arguments of a <c>tools/call</c> as the tools take them.</summary>
internal static class ToolArguments
{
    /// <summary>Strings stay strings and the rest stays JSON, as the model's own calls reach the tools.</summary>
    public static Dictionary<string, object?> ToToolArguments(IDictionary<string, JsonElement>? arguments) =>
        (arguments ?? new Dictionary<string, JsonElement>()).ToDictionary(
            p => p.Key,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.String => (object?)p.Value.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => p.Value.Clone(),
            },
            StringComparer.Ordinal);

    /// <summary>The text of argument <paramref name="name"/>, trimmed; null when absent or not a string.</summary>
    public static string? Text(IReadOnlyDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) && value is string text && text.Trim() is { Length: > 0 } trimmed ? trimmed : null;

    /// <summary>A patient id as the tools accept it (a bare id or <c>Patient/id</c>), bare.</summary>
    public static string? PatientId(IReadOnlyDictionary<string, object?> arguments) =>
        Text(arguments, "patient_id") is { } id ? (id.StartsWith("Patient/", StringComparison.Ordinal) ? id["Patient/".Length..] : id) : null;

    /// <summary>
    /// The resource a document or image id names (<c>ImagingStudy/abc#1.1</c> → ImagingStudy, abc); a bare id is of
    /// <paramref name="bareType"/>; null when the id has no recognisable form (the tool then refuses it itself).
    /// </summary>
    public static (string Type, string Id)? Resource(string text, string? bareType)
    {
        var reference = text.Split('#', 2)[0].Trim();
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
            return bareType is not null && reference.Length > 0 ? (bareType, reference) : null;
        var type = reference[..slash];
        var id = reference[(slash + 1)..];
        return type.Length > 0 && id.Length > 0 && !id.Contains('/', StringComparison.Ordinal) ? (type, id) : null;
    }
}
