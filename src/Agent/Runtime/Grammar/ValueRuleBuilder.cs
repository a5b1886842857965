using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// The rules for strings, numbers, integers and arrays of one schema compilation: what their keywords let the grammar
/// spell, and what it leaves to the validator (reported through <paramref name="relax"/>).
/// </summary>
/// <param name="rules">Where rules are defined.</param>
/// <param name="limits">How far bounds are spelled out.</param>
/// <param name="compile">Compiles an item schema: (schema, rule-name hint, path) to an atom.</param>
/// <param name="relax">Records a relaxed keyword at a path.</param>
/// <param name="fail">Makes the error for a construct at a path.</param>
internal sealed class ValueRuleBuilder(
    GbnfRules rules,
    GrammarLimits limits,
    Func<JsonElement, string, string, string> compile,
    Action<string, string> relax,
    Func<string, string, ToolSchemaException> fail)
{
    /// <summary>The few regexes .NET's schema exporter writes that the regex subset cannot spell, with the primitive that matches them.</summary>
    private static readonly Dictionary<string, string> KnownPatterns = new(StringComparer.Ordinal)
    {
        [@"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$"] = "string-timespan",
    };

    public string? Integer(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && minimum.ValueKind != JsonValueKind.Number)
        {
            throw fail("'minimum' that is not a number", path);
        }

        if (schema.TryGetProperty("maximum", out var maximum) && maximum.ValueKind != JsonValueKind.Number)
        {
            throw fail("'maximum' that is not a number", path);
        }

        return IntegerRule.Expression(schema, hint, rules);
    }

    /// <summary>A number keeps its sign in the grammar (no "-" when the bounds forbid negatives); the bounds themselves are checked after.</summary>
    public string Number(JsonElement schema, string path)
    {
        var bounded = false;
        foreach (var keyword in (string[])["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
        {
            if (schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                relax(keyword, path);
                bounded = true;
            }
        }

        var nonNegative = bounded && IntegerRule.LowerBound(schema) is >= 0
            && (!schema.TryGetProperty("minimum", out var min) || min.GetDouble() >= 0)
            && (!schema.TryGetProperty("exclusiveMinimum", out var exclusive) || exclusive.ValueKind != JsonValueKind.Number || exclusive.GetDouble() >= 0);
        return nonNegative ? rules.Primitive("json-unumber") : rules.Primitive("json-number");
    }

    public string String(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var regex = pattern.ValueKind == JsonValueKind.String ? pattern.GetString()! : throw fail("'pattern' that is not a string", path);
            if (KnownPatterns.TryGetValue(regex, out var primitive))
            {
                return rules.Primitive(primitive);
            }

            if (PatternRule.Translate(regex) is { } body)
            {
                // The pattern's own quantifiers decide the length; a length bound beside it is checked after.
                foreach (var keyword in (string[])["minLength", "maxLength"])
                {
                    if (schema.TryGetProperty(keyword, out _))
                        relax(keyword, path);
                }

                return rules.Add(hint, body);
            }

            relax("pattern", path);
        }

        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        switch (format)
        {
            case "date" or "date-time":
                relax("format", path); // the grammar knows each month's days, not leap years
                return rules.Primitive(format == "date" ? "string-date" : "string-date-time");
            case "time": return rules.Primitive("string-time");
            case "uuid": return rules.Primitive("string-uuid");
        }

        // A string without maxLength is capped, so that every call closes inside the output budget; the cap is a
        // grammar limit, not a schema rule, and a schema that wants more says so with maxLength.
        var min = ReadCount(schema, "minLength", path) ?? 0;
        var max = ReadCount(schema, "maxLength", path) ?? Math.Max(limits.MaxStringLength, min);
        if (max < min)
        {
            throw fail("a maxLength below the minLength", path);
        }

        return rules.Add(hint, $"{GbnfText.Literal("\"")} {rules.Characters(min, max)} {GbnfText.Literal("\"")}");
    }

    public string Array(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("prefixItems", out _))
        {
            relax("prefixItems", path);
        }

        var item = rules.Primitive("json-value");
        if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                // Draft 4-7 tuples: any value per position; the validator checks each.
                relax("items", path);
            }
            else if (!schema.TryGetProperty("prefixItems", out _))
            {
                item = compile(items, $"{hint}-item", $"{path}.items");
            }
        }

        var min = ReadCount(schema, "minItems", path) ?? 0;
        var max = ReadCount(schema, "maxItems", path);
        if (max < min)
        {
            throw fail("a maxItems below the minItems", path);
        }

        if (max > limits.MaxExpandedRepetition)
        {
            relax("maxItems", path);
            max = null;
        }

        if (min > limits.MaxExpandedRepetition)
        {
            // llama.cpp writes out every required repetition; past the limit it refuses the grammar.
            relax("minItems", path);
            min = 0;
        }

        rules.Primitive(GbnfRules.Ws);
        if (max == 0)
        {
            return rules.Add(hint, "\"[\" ws \"]\"");
        }

        var repeat = max is null ? (min <= 1 ? "*" : $"{{{min - 1},}}") : $"{{{Math.Max(min - 1, 0)},{max - 1}}}";
        var elements = max == 1 ? item : $"{item} ( ws \",\" ws {item} ){repeat}";
        var body = min == 0 ? $"\"[\" ws ( {elements} )? ws \"]\"" : $"\"[\" ws {elements} ws \"]\"";
        return rules.Add(hint, body);
    }

    private int? ReadCount(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw fail($"'{keyword}' that is not a non-negative integer", path);
    }
}
