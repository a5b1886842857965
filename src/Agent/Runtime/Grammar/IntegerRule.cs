using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>The GBNF for a JSON Schema integer with its bounds (<c>minimum</c>, <c>maximum</c>,
/// <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, of any size) spelled into the grammar.</summary>
internal static class IntegerRule
{
    /// <summary>The rule, or null when the bounds admit no integer the grammar can write.</summary>
    public static string? Expression(JsonElement schema, string hint, GbnfRules rules)
    {
        var low = LowerBound(schema);
        var high = UpperBound(schema);
        if (low is null && high is null)
        {
            return rules.Primitive("json-integer");
        }

        var from = (long)Math.Max(low ?? -DigitRanges.Largest, -DigitRanges.Largest);
        var to = (long)Math.Min(high ?? DigitRanges.Largest, DigitRanges.Largest);
        return from > to ? null : rules.Add(hint + "-int", DigitRanges.Integers(from, to));
    }

    /// <summary>The smallest integer allowed, as a double so that huge bounds stay comparable.</summary>
    public static double? LowerBound(JsonElement schema)
    {
        double? bound = null;
        if (Number(schema, "minimum") is { } minimum)
        {
            // Draft 4 spelled an exclusive minimum as a boolean beside it.
            bound = IsTrue(schema, "exclusiveMinimum") ? Math.Floor(minimum) + 1 : Math.Ceiling(minimum);
        }

        if (Number(schema, "exclusiveMinimum") is { } exclusive)
        {
            bound = Math.Max(bound ?? double.MinValue, Math.Floor(exclusive) + 1);
        }

        return bound;
    }

    /// <summary>The largest integer allowed.</summary>
    public static double? UpperBound(JsonElement schema)
    {
        double? bound = null;
        if (Number(schema, "maximum") is { } maximum)
        {
            bound = IsTrue(schema, "exclusiveMaximum") ? Math.Ceiling(maximum) - 1 : Math.Floor(maximum);
        }

        if (Number(schema, "exclusiveMaximum") is { } exclusive)
        {
            bound = Math.Min(bound ?? double.MaxValue, Math.Ceiling(exclusive) - 1);
        }

        return bound;
    }

    private static double? Number(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static bool IsTrue(JsonElement schema, string keyword) =>
        schema.TryGetProperty(keyword, out var value) && value.ValueKind == JsonValueKind.True;
}
