using System.Text.Json;

namespace ClinicalAgent.ModelApi.Protocol;

/// <summary>Typed reads of request fields that fail as a 400 naming the field.</summary>
internal static class JsonFields
{
    /// <summary>The field, or null when it is absent or JSON null.</summary>
    public static JsonElement? Optional(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string? String(JsonElement parent, string name, string path)
    {
        if (Optional(parent, name) is not { } value)
            return null;
        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw ModelApiException.BadField(path, $"'{path}' must be a string.");
    }

    public static string RequiredString(JsonElement parent, string name, string path) =>
        String(parent, name, path) is { Length: > 0 } value ? value : throw ModelApiException.BadField(path, $"'{path}' is required.");

    public static bool? Boolean(JsonElement parent, string name, string path)
    {
        if (Optional(parent, name) is not { } value)
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ModelApiException.BadField(path, $"'{path}' must be true or false."),
        };
    }

    public static double? Number(JsonElement parent, string name, string path, double min, double max)
    {
        if (Optional(parent, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
            throw ModelApiException.BadField(path, $"'{path}' must be a number from {min} to {max}.");
        return number;
    }

    public static long? Integer(JsonElement parent, string name, string path, long min, long max)
    {
        if (Optional(parent, name) is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number) || number < min || number > max)
            throw ModelApiException.BadField(path, $"'{path}' must be an integer from {min} to {max}.");
        return number;
    }

    public static JsonElement Object(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Object ? value : throw ModelApiException.BadField(path, $"'{path}' must be an object.");

    public static JsonElement Array(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.Array ? value : throw ModelApiException.BadField(path, $"'{path}' must be an array.");
}
