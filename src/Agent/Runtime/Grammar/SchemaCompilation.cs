using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Compiles one JSON Schema into rules of a shared <see cref="GbnfRules"/>. Every method returns a
/// single GBNF atom (a rule name or a literal), so callers can splice results into sequences.
/// </summary>
internal sealed class SchemaCompilation(GbnfRules rules, JsonElement root, string toolName)
{
    /// <summary>Keywords whose constraint a context-free grammar cannot carry (or not cheaply);
    /// failing loudly beats a grammar that admits arguments the schema forbids.</summary>
    private static readonly string[] UnsupportedKeywords =
    [
        "patternProperties", "pattern", "if", "then", "else", "not", "dependentRequired",
        "dependentSchemas", "dependencies", "propertyNames", "contains", "prefixItems",
        "$dynamicRef", "$recursiveRef", "unevaluatedItems",
    ];

    /// <summary>Above this, <c>maxItems</c> / <c>maxLength</c> are left unbounded: llama.cpp expands
    /// bounded repetition into one rule per step.</summary>
    private const int MaxExpandedRepetition = 64;

    /// <summary>The few regexes .NET's schema exporter writes, with the primitive that matches them;
    /// any other <c>pattern</c> is refused.</summary>
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
            if (schema.TryGetProperty(keyword, out var value) && !IsKnownPattern(keyword, value))
            {
                throw Fail($"'{keyword}'", path);
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

        var alternatives = types.Select(type => TypeExpression(type, schema, hint, path)).Distinct().ToList();
        return alternatives.Count == 1 ? alternatives[0] : rules.Add(hint, string.Join(" | ", alternatives));
    }

    private string TypeExpression(string type, JsonElement schema, string hint, string path) => type switch
    {
        "string" => StringExpression(schema, hint, path),
        "integer" => IntegerRule.Expression(schema, hint, rules),
        "number" => rules.Primitive("json-number"),
        "boolean" => rules.Primitive("json-boolean"),
        "null" => rules.Primitive("json-null"),
        "object" => new ObjectRuleBuilder(rules, Expression).Build(schema, hint, path),
        "array" => ArrayExpression(schema, hint, path),
        _ => throw Fail($"type '{type}'", path),
    };

    private static bool IsKnownPattern(string keyword, JsonElement value) =>
        keyword == "pattern" && value.ValueKind == JsonValueKind.String && KnownPatterns.ContainsKey(value.GetString()!);

    private string StringExpression(JsonElement schema, string hint, string path)
    {
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            return rules.Primitive(KnownPatterns[pattern.GetString()!]);
        }

        var format = schema.TryGetProperty("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
        switch (format)
        {
            case "date": return rules.Primitive("string-date");
            case "date-time": return rules.Primitive("string-date-time");
            case "time": return rules.Primitive("string-time");
            case "uuid": return rules.Primitive("string-uuid");
        }

        var min = ReadCount(schema, "minLength", path);
        var max = ReadCount(schema, "maxLength", path);
        if (min is null && max is null)
        {
            return rules.Primitive("json-string");
        }

        rules.Primitive("json-char");
        var quote = GbnfText.Literal("\"");
        return rules.Add(hint, $"{quote} json-char{Repeat(min ?? 0, max, path)} {quote}");
    }

    private string ArrayExpression(JsonElement schema, string hint, string path)
    {
        var item = rules.Primitive("json-value");
        if (schema.TryGetProperty("items", out var items))
        {
            if (items.ValueKind == JsonValueKind.Array)
            {
                throw Fail("tuple 'items'", path);
            }

            item = Expression(items, $"{hint}-item", $"{path}.items");
        }

        var min = ReadCount(schema, "minItems", path) ?? 0;
        var max = ReadCount(schema, "maxItems", path);
        rules.Primitive(GbnfRules.Ws);
        if (max == 0)
        {
            return rules.Add(hint, "\"[\" ws \"]\"");
        }

        var elements = max == 1 ? item : $"{item} ( ws \",\" ws {item} ){Repeat(Math.Max(min - 1, 0), max - 1, path)}";
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

        if (_inProgress.Contains(pointer))
        {
            throw Fail($"recursive '$ref' to '{pointer}'", path);
        }

        var target = JsonPointer.Resolve(root, pointer) ?? throw Fail($"'$ref' to '{pointer}' (not found)", path);
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

        // allOf is an intersection; only the trivial single-branch form is a plain alternative.
        if (keyword == "allOf" && branches.GetArrayLength() != 1)
        {
            throw Fail("'allOf' with several schemas", path);
        }

        // oneOf's "exactly one" is not enforced: the branches of tool schemas rarely overlap.
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

    private string Repeat(int min, int? max, string path)
    {
        if (max < min)
        {
            throw Fail("a maximum below the minimum", path);
        }

        if (max is null || max > MaxExpandedRepetition)
        {
            return min == 0 ? "*" : $"{{{min},}}";
        }

        return $"{{{min},{max}}}";
    }

    private ToolSchemaException Fail(string construct, string path) => new(toolName, $"{construct}", path);
}
