using System.Text.Json;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>
/// Checks call arguments against the subset of JSON Schema the test tools use: type, required,
/// additionalProperties, enum, minLength/maxLength and minimum/maximum.
/// </summary>
internal static class SchemaChecker
{
    public static List<string> Check(JsonElement schema, IDictionary<string, object?> arguments)
    {
        var errors = new List<string>();
        var properties = schema.GetProperty("properties");
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!arguments.ContainsKey(name))
                    errors.Add($"missing '{name}'");
            }
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var property))
                errors.Add($"unknown '{name}'");
            else if (value is not null)
                CheckValue(property, value as JsonElement? ?? JsonSerializer.SerializeToElement(value), name, errors);
        }

        return errors;
    }

    private static void CheckValue(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetRawText() == value.GetRawText()))
            errors.Add($"'{path}' = {value.GetRawText()} is not in the enum");
        if (!schema.TryGetProperty("type", out var type))
            return;
        switch (type.GetString())
        {
            case "string" when value.ValueKind != JsonValueKind.String:
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
            case "number" when value.ValueKind != JsonValueKind.Number:
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                errors.Add($"'{path}' = {value.GetRawText()} is not a {type.GetString()}");
                return;
            case "string":
                // JSON Schema counts code points, not UTF-16 units. A random-weight model can sample
                // byte-fallback tokens that form invalid UTF-8: llama.cpp's grammar counts such a sequence
                // as one character while .NET decodes it to several U+FFFD, so those strings are only
                // bounded loosely (a real model does not write invalid UTF-8).
                var text = value.GetString()!;
                var length = text.EnumerateRunes().Count();
                var limit = schema.TryGetProperty("maxLength", out var max) ? max.GetInt32() : int.MaxValue;
                if (text.Contains('\uFFFD'))
                    limit = limit == int.MaxValue ? limit : limit * 4;
                if (length > limit)
                    errors.Add($"'{path}' is {length} code points, over maxLength {max.GetInt32()}: {value.GetRawText()}");
                if (schema.TryGetProperty("minLength", out var min) && length < min.GetInt32())
                    errors.Add($"'{path}' is under minLength {min.GetInt32()}");
                return;
            case "integer" or "number":
                var number = value.GetDouble();
                if (schema.TryGetProperty("minimum", out var minimum) && number < minimum.GetDouble())
                    errors.Add($"'{path}' = {number} is below minimum {minimum.GetDouble()}");
                if (schema.TryGetProperty("maximum", out var maximum) && number > maximum.GetDouble())
                    errors.Add($"'{path}' = {number} is above maximum {maximum.GetDouble()}");
                return;
        }
    }
}
