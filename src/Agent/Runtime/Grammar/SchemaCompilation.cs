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
        "string" => Values.String(schema, hint, path),
        "integer" => Values.Integer(schema, hint, path),
        "number" => Values.Number(schema, path),
        "boolean" => rules.Primitive("json-boolean"),
        "null" => rules.Primitive("json-null"),
        "object" => new ObjectRuleBuilder(rules, Expression).Build(schema, hint, path),
        "array" => Values.Array(schema, hint, path),
        _ => throw Fail($"type '{type}'", path),
    };

    private ValueRuleBuilder Values => new(rules, limits, Expression, Relax, Fail);

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
