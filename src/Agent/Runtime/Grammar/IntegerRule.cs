using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>The GBNF for a JSON Schema integer: its bounds kept where the grammar can keep them.</summary>
internal static class IntegerRule
{
    private const int MaxEnumeratedIntegers = 256;

    // A small closed range ([Range(1, 50)]) is spelled out number by number, so the model cannot step outside it;
    // wider ranges only keep the sign right.
    public static string Expression(JsonElement schema, string hint, GbnfRules rules)
    {
        if (Bound(schema, "minimum") is { } min && Bound(schema, "maximum") is { } max && max >= min && max - min <= MaxEnumeratedIntegers)
        {
            var numbers = new List<string>();
            for (var n = min; n <= max; n++)
            {
                numbers.Add($"\"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"");
            }

            return rules.Add(hint + "-int", string.Join(" | ", numbers));
        }

        return rules.Primitive(IsNonNegative(schema) ? "json-uint" : "json-integer");
    }

    private static long? Bound(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            && number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? (long)number
            : null;

    private static bool IsNonNegative(JsonElement schema) =>
        (schema.TryGetProperty("minimum", out var min) && min.ValueKind == JsonValueKind.Number && min.GetDouble() >= 0)
        || (schema.TryGetProperty("exclusiveMinimum", out var exclusive) && exclusive.ValueKind == JsonValueKind.Number && exclusive.GetDouble() >= -1);
}
