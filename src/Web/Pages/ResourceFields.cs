using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Web.Pages;

/// <summary>
/// A FHIR resource's key fields for a person: each top-level element in one line (a coding as its display and code,
/// a quantity as value and unit, a reference as its target), as written in the resource, nothing rounded or recoded.
/// </summary>
internal static class ResourceFields
{
    private static readonly HashSet<string> Skipped = ["resourceType", "id", "meta", "text", "contained", "extension", "modifierExtension", "data", "content"];

    public static IEnumerable<(string Name, string Value)> Of(JsonElement resource)
    {
        foreach (var property in resource.EnumerateObject())
        {
            if (Skipped.Contains(property.Name))
                continue;
            var value = Summary(property.Value);
            if (value.Length > 0)
                yield return (property.Name, value);
        }
    }

    private static string Summary(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Summary).Where(s => s.Length > 0).Take(10)),
        JsonValueKind.Object => Object(value),
        _ => "",
    };

    private static string Object(JsonElement value)
    {
        string? Get(string key) => value.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.String or JsonValueKind.Number ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
        if (value.TryGetProperty("value", out var number) && number.ValueKind == JsonValueKind.Number)
            return string.Join(' ', new[] { number.GetRawText(), Get("unit") ?? Get("code") }.Where(s => s is not null));
        if (Get("reference") is { } reference)
            return Get("display") is { } shown ? $"{shown} ({reference})" : reference;
        if (value.TryGetProperty("coding", out var codings) && codings.ValueKind == JsonValueKind.Array)
        {
            var coded = string.Join(", ", codings.EnumerateArray().Select(Coding).Where(s => s.Length > 0));
            return Get("text") is { } text && !coded.Contains(text, StringComparison.Ordinal) ? $"{text} [{coded}]" : coded.Length > 0 ? coded : Get("text") ?? "";
        }

        if (Get("code") is not null && Get("system") is not null)
            return Coding(value);
        if (Get("start") is { } start)
            return Get("end") is { } end ? $"{start} to {end}" : $"from {start}";
        if (Get("text") is { } plain)
            return plain;
        if (Get("display") is { } display)
            return display;
        var parts = value.EnumerateObject().Where(p => p.Name != "extension").Select(p => (p.Name, Text: Summary(p.Value))).Where(p => p.Text.Length > 0).Take(6);
        return string.Join(", ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}: {p.Text}")));
    }

    private static string Coding(JsonElement coding)
    {
        var display = coding.TryGetProperty("display", out var d) ? d.GetString() : null;
        var code = coding.TryGetProperty("code", out var c) ? c.GetString() : null;
        return display is null ? code ?? "" : code is null ? display : $"{display} ({code})";
    }
}
