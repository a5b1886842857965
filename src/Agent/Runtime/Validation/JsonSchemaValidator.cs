using System.Globalization;
using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Grammar;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>
/// Checks a JSON value against a whole JSON Schema (draft 2020-12 and the draft 4–7 spellings tool schemas use):
/// types, <c>enum</c>/<c>const</c>, the combinators (<c>anyOf</c>, <c>oneOf</c>, <c>allOf</c>, <c>not</c>,
/// <c>if</c>/<c>then</c>/<c>else</c>), <c>$ref</c> within the schema, and every string, number, array and object
/// keyword (<see cref="ValueKeywords"/>). <c>format</c> is checked for date, date-time, time and uuid, the formats
/// the grammar writes. It is what stands behind the grammar: every constraint the grammar relaxes is checked here.
/// </summary>
internal sealed class JsonSchemaValidator
{
    private const int MaxDepth = 64;

    private readonly JsonElement _root;
    private readonly List<SchemaViolation> _violations = [];

    private JsonSchemaValidator(JsonElement root) => _root = root;

    /// <summary>Every violation of <paramref name="schema"/> by <paramref name="value"/>; empty when it is valid.</summary>
    public static IReadOnlyList<SchemaViolation> Validate(JsonElement schema, JsonElement value)
    {
        var validator = new JsonSchemaValidator(schema);
        validator.Check(schema, value, "", 0);
        return validator._violations;
    }

    /// <summary>Whether <paramref name="value"/> is valid, without keeping the violations.</summary>
    public bool IsValid(JsonElement schema, JsonElement value, string path, int depth)
    {
        var nested = new JsonSchemaValidator(_root);
        nested.Check(schema, value, path, depth);
        return nested._violations.Count == 0;
    }

    /// <summary>Checks <paramref name="value"/> at <paramref name="path"/> and records what fails.</summary>
    public void Check(JsonElement schema, JsonElement value, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            Add(path, "$ref", "is nested too deeply to check");
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            Add(path, "false", "is not allowed here");
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && reference.ValueKind == JsonValueKind.String)
        {
            if (JsonPointer.Resolve(_root, reference.GetString()!) is { } target)
            {
                Check(target, value, path, depth + 1);
            }
        }

        if (!CheckType(schema, value, path))
        {
            return; // the other keywords would only repeat the type error
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonEquality.Equal(constant, value))
        {
            Add(path, "const", $"= {Show(value)} must be {Show(constant)}");
        }

        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array
            && !values.EnumerateArray().Any(v => JsonEquality.Equal(v, value)))
        {
            Add(path, "enum", $"= {Show(value)} is not one of {string.Join(", ", values.EnumerateArray().Take(12).Select(Show))}");
        }

        new ValueKeywords(this).Check(schema, value, path, depth);
        CheckCombinators(schema, value, path, depth);
    }

    /// <summary>Records a violation at <paramref name="path"/>.</summary>
    public void Add(string path, string keyword, string message) =>
        _violations.Add(new SchemaViolation(path, keyword, $"{(path.Length == 0 ? "the arguments" : $"'{path}'")} {message} ({keyword})"));

    /// <summary>A value as the model wrote it, shortened.</summary>
    public static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..37] + "...";
    }

    private bool CheckType(JsonElement schema, JsonElement value, string path)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return true;
        }

        var types = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()).ToList()
            : [type.GetString()];
        if (schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True)
        {
            types.Add("null");
        }

        if (types.Any(t => HasType(value, t)))
        {
            return true;
        }

        Add(path, "type", $"= {Show(value)} is not {string.Join(" or ", types.Select(t => $"a {t}"))}");
        return false;
    }

    private static bool HasType(JsonElement value, string? type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && IsInteger(value),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    private static bool IsInteger(JsonElement value) =>
        value.TryGetDecimal(out var d) ? d == decimal.Truncate(d) : Math.Floor(value.GetDouble()) == value.GetDouble();

    private void CheckCombinators(JsonElement schema, JsonElement value, string path, int depth)
    {
        if (schema.TryGetProperty("allOf", out var all) && all.ValueKind == JsonValueKind.Array)
        {
            foreach (var branch in all.EnumerateArray())
            {
                Check(branch, value, path, depth + 1);
            }
        }

        if (schema.TryGetProperty("anyOf", out var any) && any.ValueKind == JsonValueKind.Array
            && !any.EnumerateArray().Any(branch => IsValid(branch, value, path, depth + 1)))
        {
            Add(path, "anyOf", $"= {Show(value)} matches none of the {any.GetArrayLength()} allowed shapes");
        }

        if (schema.TryGetProperty("oneOf", out var one) && one.ValueKind == JsonValueKind.Array)
        {
            var matches = one.EnumerateArray().Count(branch => IsValid(branch, value, path, depth + 1));
            if (matches != 1)
            {
                Add(path, "oneOf", $"= {Show(value)} matches {matches.ToString(CultureInfo.InvariantCulture)} of the allowed shapes, not exactly one");
            }
        }

        if (schema.TryGetProperty("not", out var not) && IsValid(not, value, path, depth + 1))
        {
            Add(path, "not", $"= {Show(value)} has a shape that is not allowed");
        }

        if (schema.TryGetProperty("if", out var condition))
        {
            var branch = IsValid(condition, value, path, depth + 1) ? "then" : "else";
            if (schema.TryGetProperty(branch, out var consequence))
            {
                Check(consequence, value, path, depth + 1);
            }
        }
    }
}
