using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace ClinicalAgent.Evaluation.Grading.Official;

/// <summary>
/// JSON values as Python's <c>json.loads</c> gives them to the official graders, with Python's rules for indexing,
/// <c>len</c>, <c>in</c> and <c>==</c>: an integer literal is an <c>int</c> and equals the same float
/// (<c>2 == 2.0</c>), <c>true</c> equals 1, strings compare exactly, dicts by their key set and values.
/// </summary>
internal static class PyJson
{
    /// <summary>Parses JSON text as <c>json.loads</c> does; a syntax error is a <see cref="PyError"/>.</summary>
    public static JsonElement Loads(string? text)
    {
        if (text is null)
            throw new PyError("TypeError: the JSON object must be str, not NoneType");
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new PyError("JSONDecodeError: not valid JSON");
        }
    }

    /// <summary><c>value[key]</c> on a dict (the last of duplicate keys wins, as in <c>json.loads</c>).</summary>
    public static JsonElement Index(JsonElement value, string key)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw new PyError($"TypeError: {TypeName(value)} indices must be integers or slices, not str ('{key}')");
        JsonElement? found = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Name == key)
                found = property.Value;
        }

        return found ?? throw new PyError($"KeyError: '{key}'");
    }

    /// <summary><c>value[index]</c> on a list or a string (a string gives its character).</summary>
    public static JsonElement Index(JsonElement value, int index) => value.ValueKind switch
    {
        JsonValueKind.Array when index < value.GetArrayLength() => value[index],
        JsonValueKind.Array => throw new PyError("IndexError: list index out of range"),
        JsonValueKind.String when index < value.GetString()!.Length => JsonSerializer.SerializeToElement(value.GetString()![index].ToString()),
        JsonValueKind.String => throw new PyError("IndexError: string index out of range"),
        JsonValueKind.Object => throw new PyError($"KeyError: {index}"),
        _ => throw new PyError($"TypeError: '{TypeName(value)}' object is not subscriptable"),
    };

    /// <summary>Steps through keys (strings) and indexes (ints): <c>At(p, "dosageInstruction", 0, "route")</c>.</summary>
    public static JsonElement At(JsonElement value, params object[] path)
    {
        foreach (var step in path)
            value = step is int index ? Index(value, index) : Index(value, (string)step);
        return value;
    }

    /// <summary><c>len(value)</c>.</summary>
    public static int Len(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.GetArrayLength(),
        JsonValueKind.Object => value.EnumerateObject().Select(p => p.Name).Distinct(StringComparer.Ordinal).Count(),
        JsonValueKind.String => value.GetString()!.Length,
        _ => throw new PyError($"TypeError: object of type '{TypeName(value)}' has no len()"),
    };

    /// <summary><c>needle in value</c>: a substring of a string, an item of a list, a key of a dict.</summary>
    public static bool Contains(JsonElement value, string needle) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!.Contains(needle, StringComparison.Ordinal),
        JsonValueKind.Array => value.EnumerateArray().Any(item => item.ValueKind == JsonValueKind.String && item.GetString() == needle),
        JsonValueKind.Object => value.EnumerateObject().Any(p => p.Name == needle),
        _ => throw new PyError($"TypeError: argument of type '{TypeName(value)}' is not iterable"),
    };

    /// <summary>The string itself; anything else has no <c>.lower()</c> or <c>.strip()</c>.</summary>
    public static string Str(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw new PyError($"AttributeError: '{TypeName(value)}' object has no attribute 'lower'");

    /// <summary>A number (<c>int</c>, <c>float</c> or <c>bool</c>) as a double, for arithmetic such as <c>l[0] - ref</c>.</summary>
    public static double Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => double.Parse(value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.True => 1,
        JsonValueKind.False => 0,
        _ => throw new PyError($"TypeError: unsupported operand type(s) for -: '{TypeName(value)}' and 'float'"),
    };

    /// <summary>Python's <c>a == b</c> on two JSON values.</summary>
    public static bool Equal(JsonElement a, JsonElement b)
    {
        if (IsNumeric(a) && IsNumeric(b))
            return NumbersEqual(a, b);
        if (a.ValueKind != b.ValueKind)
            return false;
        return a.ValueKind switch
        {
            JsonValueKind.String => a.GetString() == b.GetString(),
            JsonValueKind.Null => true,
            JsonValueKind.Array => a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => Equal(p.First, p.Second)),
            JsonValueKind.Object => DictEqual(a, b),
            _ => false,
        };
    }

    /// <summary><c>a == "text"</c>.</summary>
    public static bool Equal(JsonElement a, string text) => a.ValueKind == JsonValueKind.String && a.GetString() == text;

    /// <summary>A JSON literal written in a grader (<c>{'value': 4, 'unit': 'g'}</c>) as a value.</summary>
    public static JsonElement Literal(string json) => Loads(json);

    /// <summary>A float as Python's <c>repr</c> writes it (the shortest text that reads back the same double).</summary>
    public static string Repr(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The Python type name, for error texts.</summary>
    public static string TypeName(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        JsonValueKind.String => "str",
        JsonValueKind.Number => IsInteger(value) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        _ => "NoneType",
    };

    private static bool IsNumeric(JsonElement value) => value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False;

    private static bool IsInteger(JsonElement value) => value.ValueKind != JsonValueKind.Number || value.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0;

    // Python compares an int with a float exactly (no rounding of the int), and two floats as doubles.
    private static bool NumbersEqual(JsonElement a, JsonElement b)
    {
        if (IsInteger(a) && IsInteger(b))
            return Integer(a) == Integer(b);
        if (!IsInteger(a) && !IsInteger(b))
            return Number(a) == Number(b);
        var (integer, real) = IsInteger(a) ? (Integer(a), Number(b)) : (Integer(b), Number(a));
        return double.IsFinite(real) && Math.Floor(real) == real && new BigInteger(real) == integer;
    }

    private static BigInteger Integer(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => BigInteger.One,
        JsonValueKind.False => BigInteger.Zero,
        _ => BigInteger.Parse(value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
    };

    private static bool DictEqual(JsonElement a, JsonElement b)
    {
        static Dictionary<string, JsonElement> Items(JsonElement o)
        {
            var items = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var p in o.EnumerateObject())
                items[p.Name] = p.Value;
            return items;
        }

        var left = Items(a);
        var right = Items(b);
        return left.Count == right.Count && left.All(p => right.TryGetValue(p.Key, out var other) && Equal(p.Value, other));
    }
}
