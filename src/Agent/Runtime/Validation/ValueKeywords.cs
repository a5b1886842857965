using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>The keywords of one kind of value: string lengths, pattern and format; number bounds and
/// <c>multipleOf</c>; array items, counts, uniqueness and <c>contains</c>; object properties, required, additional
/// and pattern properties, property names and counts, dependencies.</summary>
internal sealed class ValueKeywords(JsonSchemaValidator validator)
{
    public void Check(JsonElement schema, JsonElement value, string path, int depth)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String: CheckString(schema, value.GetString()!, value, path); break;
            case JsonValueKind.Number: CheckNumber(schema, value, path); break;
            case JsonValueKind.Array: CheckArray(schema, value, path, depth); break;
            case JsonValueKind.Object: CheckObject(schema, value, path, depth); break;
        }
    }

    private void CheckString(JsonElement schema, string text, JsonElement value, string path)
    {
        // JSON Schema counts code points, not UTF-16 units.
        var length = text.EnumerateRunes().Count();
        if (Count(schema, "minLength") is { } min && length < min)
        {
            validator.Add(path, "minLength", $"has {length} characters, fewer than {min}");
        }

        if (Count(schema, "maxLength") is { } max && length > max)
        {
            validator.Add(path, "maxLength", $"has {length} characters, more than {max}");
        }

        if (schema.TryGetProperty("pattern", out var pattern) && pattern.ValueKind == JsonValueKind.String && !SchemaRegex.IsMatch(pattern.GetString()!, text))
        {
            validator.Add(path, "pattern", $"= {JsonSchemaValidator.Show(value)} does not match {pattern.GetString()}");
        }

        if (schema.TryGetProperty("format", out var format) && format.ValueKind == JsonValueKind.String && !Formats.Matches(format.GetString()!, text))
        {
            validator.Add(path, "format", $"= {JsonSchemaValidator.Show(value)} is not a valid {format.GetString()}");
        }
    }

    private void CheckNumber(JsonElement schema, JsonElement value, string path)
    {
        var number = value.GetDouble();
        var shown = JsonSchemaValidator.Show(value);
        if (Number(schema, "minimum") is { } minimum)
        {
            var exclusive = schema.TryGetProperty("exclusiveMinimum", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (exclusive ? number <= minimum : number < minimum)
            {
                validator.Add(path, "minimum", $"= {shown} is below the minimum {Text(minimum)}{(exclusive ? " (exclusive)" : "")}");
            }
        }

        if (Number(schema, "maximum") is { } maximum)
        {
            var exclusive = schema.TryGetProperty("exclusiveMaximum", out var flag) && flag.ValueKind == JsonValueKind.True;
            if (exclusive ? number >= maximum : number > maximum)
            {
                validator.Add(path, "maximum", $"= {shown} is above the maximum {Text(maximum)}{(exclusive ? " (exclusive)" : "")}");
            }
        }

        if (Number(schema, "exclusiveMinimum") is { } low && number <= low)
        {
            validator.Add(path, "exclusiveMinimum", $"= {shown} must be above {Text(low)}");
        }

        if (Number(schema, "exclusiveMaximum") is { } high && number >= high)
        {
            validator.Add(path, "exclusiveMaximum", $"= {shown} must be below {Text(high)}");
        }

        if (schema.TryGetProperty("multipleOf", out var step) && step.ValueKind == JsonValueKind.Number && !IsMultiple(value, step))
        {
            validator.Add(path, "multipleOf", $"= {shown} is not a multiple of {step.GetRawText()}");
        }
    }

    private static bool IsMultiple(JsonElement value, JsonElement step)
    {
        if (value.TryGetDecimal(out var v) && step.TryGetDecimal(out var s) && s != 0)
        {
            return v % s == 0;
        }

        var quotient = value.GetDouble() / step.GetDouble();
        return double.IsFinite(quotient) && Math.Abs(quotient - Math.Round(quotient)) < 1e-9;
    }

    private void CheckArray(JsonElement schema, JsonElement value, string path, int depth)
    {
        var items = value.EnumerateArray().ToList();
        var prefix = 0;
        // 2020-12 prefixItems, or draft 4-7 tuple items followed by additionalItems.
        var tuple = schema.TryGetProperty("prefixItems", out var p) ? p
            : schema.TryGetProperty("items", out var t) && t.ValueKind == JsonValueKind.Array ? t : default;
        if (tuple.ValueKind == JsonValueKind.Array)
        {
            prefix = Math.Min(tuple.GetArrayLength(), items.Count);
            for (var i = 0; i < prefix; i++)
            {
                validator.Check(tuple[i], items[i], $"{path}[{i}]", depth + 1);
            }
        }

        var rest = tuple.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var restItems) && restItems.ValueKind != JsonValueKind.Array ? restItems
            : tuple.ValueKind == JsonValueKind.Array && schema.TryGetProperty("additionalItems", out var additional) ? additional
            : tuple.ValueKind != JsonValueKind.Array && schema.TryGetProperty("items", out var all) ? all
            : default;
        if (rest.ValueKind is JsonValueKind.Object or JsonValueKind.False)
        {
            for (var i = prefix; i < items.Count; i++)
            {
                validator.Check(rest, items[i], $"{path}[{i}]", depth + 1);
            }
        }

        if (Count(schema, "minItems") is { } min && items.Count < min)
        {
            validator.Add(path, "minItems", $"has {items.Count} items, fewer than {min}");
        }

        if (Count(schema, "maxItems") is { } max && items.Count > max)
        {
            validator.Add(path, "maxItems", $"has {items.Count} items, more than {max}");
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            for (var i = 1; i < items.Count; i++)
            {
                if (items.Take(i).Any(earlier => JsonEquality.Equal(earlier, items[i])))
                {
                    validator.Add($"{path}[{i}]", "uniqueItems", $"= {JsonSchemaValidator.Show(items[i])} repeats an earlier item");
                }
            }
        }

        if (schema.TryGetProperty("contains", out var contains))
        {
            var matching = items.Count(item => validator.IsValid(contains, item, path, depth + 1));
            var least = Count(schema, "minContains") ?? 1;
            if (matching < least)
            {
                validator.Add(path, "contains", $"has {matching} items of the required shape, fewer than {least}");
            }

            if (Count(schema, "maxContains") is { } most && matching > most)
            {
                validator.Add(path, "maxContains", $"has {matching} items of the required shape, more than {most}");
            }
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, int depth) =>
        new ObjectKeywords(validator).Check(schema, value, path, depth);

    private static int? Count(JsonElement schema, string keyword) => SchemaRegex.Count(schema, keyword);

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
