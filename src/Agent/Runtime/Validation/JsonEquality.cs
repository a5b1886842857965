using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>JSON Schema's equality of instances: numbers by value (1 equals 1.0), objects regardless of member order.</summary>
internal static class JsonEquality
{
    public static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble().Equals(b.GetDouble());
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => Equal(p.First, p.Second));
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                return left.Count == b.EnumerateObject().Count()
                    && left.All(p => b.TryGetProperty(p.Name, out var other) && Equal(p.Value, other));
            default:
                return true; // true, false, null
        }
    }
}
