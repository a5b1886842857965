using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Compiles one JSON Schema into rules of a shared <see cref="GbnfRules"/>. Every method returns a
/// single GBNF atom (a rule name or a literal), so callers can splice results into sequences. A constraint the
/// grammar cannot carry is relaxed (the grammar admits a superset) and recorded in <paramref name="relaxations"/>,
/// for the validator that checks every call after sampling.
/// </summary>
internal sealed class SchemaCompilation(GbnfRules rules, JsonElement root, string toolName, GrammarLimits limits, List<GrammarRelaxation> relaxations)
{
    /// <summary>Keywords the grammar does not carry: each is left to the validation after sampling.</summary>
    private static readonly string[] RelaxedKeywords =
    [
        "patternProperties", "if", "then", "else", "not", "dependentRequired", "dependentSchemas", "dependencies",
        "propertyNames", "contains", "minContains", "maxContains", "uniqueItems", "multipleOf", "minProperties",
        "maxProperties", "unevaluatedItems", "unevaluatedProperties",
    ];

    /// <summary>Keywords neither the grammar nor the validator can follow.</summary>
    private static readonly string[] UnsupportedKeywords = ["$dynamicRef", "$recursiveRef"];

    /// <summary>The few regexes .NET's schema exporter writes that the regex subset cannot spell, with the primitive that matches them.</summary>
    private static readonly Dictionary<string, string> KnownPatterns = new(StringComparer.Ordinal)
    {
        [@"^-?(\d+\.)?\d{2}:\d{2}:\d{2}(\.\d{1,7})?$"] = "string-timespan",
    };

    private readonly Dictionary<string, string> _references = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);

    /// <summary>Compiles the whole schema; <paramref name="hint"/> names its top rule.</summary>
    public string Compile(string hint)
    {
        _inProgress.Add("#");
        var expression = Expression(root, hint, "$");
        _inProgress.Remove("#");
        return expression;
    }

    private string Expression(JsonElement schema, string hint, string path)
    {
        switch (schema.ValueKind)
        {
            case JsonValueKind.True:
                return rules.Primitive("json-value");
            case JsonValueKind.False:
                throw Fail("'false' (matches nothing)", path);
            case JsonValueKind.Object:
                break;
            default:
                throw Fail($"a {schema.ValueKind} where a schema belongs", path);
        }

        foreach (var keyword in UnsupportedKeywords)
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                throw Fail($"'{keyword}'", path);
            }
        }

        foreach (var keyword in RelaxedKeywords)
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                Relax(keyword, path);
            }
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Reference(reference, hint, path);
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Literal(constant);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return Enum(values, hint, path);
        }

        foreach (var keyword in (string[])["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(keyword, out var branches))
            {
                return Branches(keyword, branches, hint, path);
            }
        }

        var types = Types(schema, path);
        if (types.Count == 0)
        {
            return rules.Primitive("json-value");
        }

        var alternatives = types.Select(type => TypeExpression(type, schema, hint, path)).OfType<string>().Distinct().ToList();
        if (alternatives.Count == 0)
        {
            throw Fail("bounds that admit no value", path);
        }

        return alternatives.Count == 1 ? alternatives[0] : rules.Add(hint, string.Join(" | ", alternatives));
    }

    private string? TypeExpression(string type, JsonElement schema, string hint, string path) => type switch
    {
        "string" => StringExpression(schema, hint, path),
        "integer" => IntegerExpression(schema, hint, path),
        "number" => NumberExpression(schema, path),
        "boolean" => rules.Primitive("json-boolean"),
        "null" => rules.Primitive("json-null"),
        "object" => new ObjectRuleBuilder(rules, Expression).Build(schema, hint, path),
        "array" => ArrayExpression(schema, hint, path),
        _ => throw Fail($"type '{type}'", path),
    };

    private string? IntegerExpression(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("minimum", out var minimum) && minimum.ValueKind != JsonValueKind.Number)
        {
            throw Fail("'minimum' that is not a number", path);
        }

        if (schema.TryGetProperty("maximum", out var maximum) && maximum.ValueKind != JsonValueKind.Number)
        {
            throw Fail("'maximum' that is not a number", path);
        }

        return IntegerRule.Expression(schema, hint, rules);
    }

    /// <summary>A number keeps its sign in the grammar (no "-" when the bounds forbid negatives); the bounds themselves are checked after.</summary>
    private string NumberExpression(JsonElement schema, string path)
    {
        var bounded = false;
        foreach (var keyword in (string[])["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"])
        {
            if (schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number)
            {
                Relax(keyword, path);
                bounded = true;
            }
        }

        var nonNegative = bounded && IntegerRule.LowerBound(schema) is >= 0
            && (!schema.TryGetProperty("minimum", out var min) || min.GetDouble() >= 0)
            && (!schema.TryGetProperty("exclusiveMinimum", out var exclusive) || exclusive.ValueKind != JsonValueKind.Number || exclusive.GetDouble() >= 0);
        return nonNegative ? rules.Primitive("json-unumber") : rules.Primitive("json-number");
    }

    private string StringExpression(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            var regex = pattern.ValueKind == JsonValueKind.String ? pattern.GetString()! : throw Fail("'pattern' that is not a string", path);
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
                        Relax(keyword, path);
                }

                return rules.Add(hint, body);
            }

            Relax("pattern", path);
        }

        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        switch (format)
        {
            case "date" or "date-time":
                Relax("format", path); // the grammar knows each month's days, not leap years
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
            throw Fail("a maxLength below the minLength", path);
        }

        return rules.Add(hint, $"{GbnfText.Literal("\"")} {rules.Characters(min, max)} {GbnfText.Literal("\"")}");
    }

    private string ArrayExpression(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("prefixItems", out _))
        {
            Relax("prefixItems", path);
        }

        var item = rules.Primitive("json-value");
        if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                // Draft 4-7 tuples: any value per position; the validator checks each.
                Relax("items", path);
            }
            else if (!schema.TryGetProperty("prefixItems", out _))
            {
                item = Expression(items, $"{hint}-item", $"{path}.items");
            }
        }

        var min = ReadCount(schema, "minItems", path) ?? 0;
        var max = ReadCount(schema, "maxItems", path);
        if (max < min)
        {
            throw Fail("a maxItems below the minItems", path);
        }

        if (max > limits.MaxExpandedRepetition)
        {
            Relax("maxItems", path);
            max = null;
        }

        if (min > limits.MaxExpandedRepetition)
        {
            // llama.cpp writes out every required repetition; past the limit it refuses the grammar.
            Relax("minItems", path);
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

    private string Reference(JsonElement reference, string hint, string path)
    {
        var pointer = reference.ValueKind == JsonValueKind.String ? reference.GetString()! : "";
        if (!pointer.StartsWith('#'))
        {
            throw Fail($"'$ref' to '{pointer}' (only references within the schema)", path);
        }

        if (_references.TryGetValue(pointer, out var known))
        {
            return known;
        }

        var target = JsonPointer.Resolve(root, pointer) ?? throw Fail($"'$ref' to '{pointer}' (not found)", path);
        if (_inProgress.Contains(pointer))
        {
            // A recursive schema has no finite grammar here; below the first level any value is admitted and checked after.
            Relax("$ref", path);
            return rules.Primitive("json-value");
        }

        _inProgress.Add(pointer);
        var segments = pointer.Split('/');
        var expression = Expression(target, $"{GbnfText.RuleName(toolName)}-{segments[^1]}", "$" + pointer[1..].Replace('/', '.'));
        _inProgress.Remove(pointer);
        _references[pointer] = expression;
        return expression;
    }

    private string Branches(string keyword, JsonElement branches, string hint, string path)
    {
        if (branches.ValueKind != JsonValueKind.Array || branches.GetArrayLength() == 0)
        {
            throw Fail($"'{keyword}' that is not a non-empty array", path);
        }

        if (keyword == "allOf" && branches.GetArrayLength() != 1)
        {
            // An intersection has no GBNF; any one branch admits a superset of it, so the first one stands in.
            Relax("allOf", path);
            return Expression(branches[0], $"{hint}-0", $"{path}.allOf[0]");
        }

        if (keyword == "oneOf" && branches.GetArrayLength() > 1)
        {
            Relax("oneOf", path); // "exactly one" is checked after; the grammar admits any branch
        }

        var alternatives = branches.EnumerateArray()
            .Select((branch, i) => Expression(branch, $"{hint}-{i}", $"{path}.{keyword}[{i}]"))
            .Distinct()
            .ToList();
        return alternatives.Count == 1 ? alternatives[0] : rules.Add(hint, string.Join(" | ", alternatives));
    }
    private string Enum(JsonElement values, string hint, string path)
    {
        if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
        {
            throw Fail("'enum' that is not a non-empty array", path);
        }

        var literals = values.EnumerateArray().Select(Literal).Distinct().ToList();
        return literals.Count == 1 ? literals[0] : rules.Add(hint, string.Join(" | ", literals));
    }

    private static string Literal(JsonElement value) => GbnfText.Literal(ProtocolJson.Write(value));

    private List<string> Types(JsonElement schema, string path)
    {
        var types = new List<string>();
        if (schema.TryGetProperty("type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                types.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                types.AddRange(type.EnumerateArray().Select(t => t.GetString() ?? throw Fail("a non-string 'type'", path)));
            }
            else
            {
                throw Fail("a non-string 'type'", path);
            }
        }
        else if (schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _) || schema.TryGetProperty("required", out _))
        {
            types.Add("object");
        }
        else if (schema.TryGetProperty("items", out _))
        {
            types.Add("array");
        }

        // OpenAPI 3.0's spelling of a nullable type.
        if (types.Count > 0 && schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True && !types.Contains("null"))
        {
            types.Add("null");
        }

        return types;
    }

    private int? ReadCount(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Fail($"'{keyword}' that is not a non-negative integer", path);
    }

    private void Relax(string keyword, string path)
    {
        var relaxation = new GrammarRelaxation(toolName, path, keyword);
        if (!relaxations.Contains(relaxation))
        {
            relaxations.Add(relaxation);
        }
    }

    private ToolSchemaException Fail(string construct, string path) => new(toolName, $"{construct}", path);
}
