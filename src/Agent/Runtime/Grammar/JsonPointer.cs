using System.Globalization;
using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>Resolves JSON Pointer fragments (<c>#/$defs/Name</c>, <c>#/properties/a</c>) inside a document.</summary>
internal static class JsonPointer
{
    /// <summary>The element <paramref name="pointer"/> (starting with <c>#</c>) names, or null.</summary>
    public static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // URI fragment escaping first, then JSON Pointer's ~1 (slash) and ~0 (tilde), in that order.
            var segment = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(segment, out var next))
            {
                current = next;
            }
            else if (current.ValueKind == JsonValueKind.Array
                && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }

        return current;
    }
}
