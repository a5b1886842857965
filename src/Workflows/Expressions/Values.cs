using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>Conversions and comparisons between expression values (double, string, bool, null, JSON).</summary>
public static class Values
{
    /// <summary>Truthiness: false, null, 0, "" and empty arrays are false.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        JsonArray a => a.Count > 0,
        _ => true,
    };

    public static double ToNumber(object? value, string where) => value switch
    {
        double d => d,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new ExpressionException($"'{where}' needs a number but got {Describe(value)}."),
    };

    public static string ToText(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => s,
        JsonNode node => node.ToJsonString(),
        _ => value.ToString() ?? "",
    };

    public static bool AreEqual(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double a, double b) => a.Equals(b),
        (double a, string b) => double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && a.Equals(n),
        (string a, double b) => double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && b.Equals(n),
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (bool a, bool b) => a == b,
        _ => string.Equals(ToText(left), ToText(right), StringComparison.Ordinal),
    };

    /// <summary>Orders numbers, or strings (ISO dates sort as text); null when either side is missing, so the comparison is false.</summary>
    public static int? Compare(object? left, object? right, string where)
    {
        if (left is null || right is null)
        {
            return null;
        }

        if (left is string a && right is string b)
        {
            return string.CompareOrdinal(a, b);
        }

        return ToNumber(left, where).CompareTo(ToNumber(right, where));
    }

    /// <summary>A JSON node as an expression value.</summary>
    public static object? FromJson(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node;
        }

        // By kind, not by CLR type: a value built in code may hold an int or decimal where a parsed one holds a JsonElement.
        return value.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.True => true,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number => double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            _ => null,
        };
    }

    /// <summary>An expression value as a JSON node, for variables and templates.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => JsonValue.Create((long)d),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        _ => JsonValue.Create(ToText(value)),
    };

    private static string Describe(object? value) => value switch
    {
        null => "nothing (null)",
        string s => $"the text '{s}'",
        _ => value.GetType().Name,
    };
}
