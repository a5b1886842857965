using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Prompting;

/// <summary>
/// Declares tools as signatures, the compact form of <see cref="ToolDeclarationStyle.Compact"/>:
/// <code>
/// get_observations(patient_id, code?, latest_only?: bool, limit?: int 1..1000) A patient's lab results ...
///   code: A name like potassium ...; latest_only: ...
/// </code>
/// A parameter is required unless marked <c>?</c>, a string unless typed; a parameter several tools declare with the same
/// description and type is described once, above the tools. The schema's bounds show as ranges and lengths; everything
/// else a schema says the grammar still enforces, since it is built from the full schemas.
/// </summary>
internal static partial class CompactToolRenderer
{
    public static string Render(IReadOnlyList<AIFunctionDeclaration> tools)
    {
        var parameters = tools.ToDictionary(t => t, Parameters);
        // In the order of first use, so the same tools always render the same text.
        var sharedList = tools.SelectMany(t => parameters[t])
            .GroupBy(p => (p.Name, p.Description, p.Type))
            .Where(g => g.Count() > 1 && g.Key.Description.Length > 0)
            .Select(g => g.Key)
            .ToList();
        var shared = sharedList.ToHashSet();
        var builder = new StringBuilder();
        if (shared.Count > 0)
        {
            builder.Append("Parameters several tools share:\n");
            foreach (var (name, description, type) in sharedList)
                builder.Append("- ").Append(name).Append(type.Length > 0 ? $" ({type})" : "").Append(": ").Append(description).Append('\n');
            builder.Append('\n');
        }

        foreach (var tool in tools)
        {
            var own = parameters[tool];
            builder.Append(tool.Name).Append('(')
                // A shared parameter's type is given once, with its description.
                .AppendJoin(", ", own.Select(p => p.Name + (p.Required ? "" : "?")
                    + (p.Type.Length > 0 && !shared.Contains((p.Name, p.Description, p.Type)) ? ": " + p.Type : "")))
                .Append(')');
            if (!string.IsNullOrWhiteSpace(tool.Description))
                builder.Append(' ').Append(tool.Description.Trim());
            var described = own.Where(p => p.Description.Length > 0 && !shared.Contains((p.Name, p.Description, p.Type))).ToList();
            if (described.Count > 0)
                builder.Append("\n  ").AppendJoin("; ", described.Select(p => p.Name + ": " + p.Description));
            builder.Append('\n');
        }

        return builder.ToString().TrimEnd('\n');
    }

    private static List<Parameter> Parameters(AIFunctionDeclaration tool)
    {
        var schema = tool.JsonSchema;
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            return [];
        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.GetString()).ToHashSet(StringComparer.Ordinal)
            : [];
        return properties.EnumerateObject()
            .Select(p => new Parameter(p.Name, Description(p.Value), TypeText(p.Value), required.Contains(p.Name)))
            .ToList();
    }

    // Semantic Kernel appends " (default value: X)" to a defaulted parameter's description; an optional parameter's
    // mark says as much, and the grammar does not depend on it.
    private static string Description(JsonElement property) =>
        property.ValueKind == JsonValueKind.Object && property.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String
            ? DefaultValueNote().Replace(d.GetString()!, "").Trim().TrimEnd('.')
            : "";

    [System.Text.RegularExpressions.GeneratedRegex(@"\s*\(default value: [^)]*\)\s*$")]
    private static partial System.Text.RegularExpressions.Regex DefaultValueNote();

    /// <summary>The type and bounds as a short phrase (<c>int 1..1000</c>, <c>string[] 1..8 items</c>, <c>"a"|"b"</c>); empty for a plain string.</summary>
    internal static string TypeText(JsonElement property)
    {
        if (property.ValueKind != JsonValueKind.Object)
            return "";
        if (property.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
            return string.Join('|', values.EnumerateArray().Where(v => v.ValueKind != JsonValueKind.Null).Select(v => v.GetRawText()));

        var type = Types(property).FirstOrDefault() ?? "string";
        var text = type switch
        {
            "integer" => "int",
            "boolean" => "bool",
            "array" => (property.TryGetProperty("items", out var items) ? Named(TypeText(items)) : "any") + "[]",
            "object" when property.TryGetProperty("properties", out var nested) && nested.ValueKind == JsonValueKind.Object =>
                "{" + string.Join(", ", nested.EnumerateObject().Select(n => n.Name + (TypeText(n.Value) is { Length: > 0 } t ? ": " + t : ""))) + "}",
            "string" => "",
            var other => other,
        };
        var bounds = new List<string>();
        if (Range(property, "minimum", "maximum") is { } range)
            bounds.Add(range);
        if (Range(property, "minItems", "maxItems") is { } count)
            bounds.Add(count + " items");
        if (Range(property, "minLength", "maxLength") is { } length)
            bounds.Add(length + " chars");
        if (property.TryGetProperty("default", out var fallback) && fallback.ValueKind != JsonValueKind.Null)
            bounds.Add("default " + fallback.GetRawText());
        return string.Join(' ', new[] { text }.Concat(bounds).Where(s => s.Length > 0));
    }

    private static string Named(string type) => type.Length == 0 ? "string" : type.Contains(' ', StringComparison.Ordinal) ? "(" + type + ")" : type;

    private static IEnumerable<string> Types(JsonElement property)
    {
        if (!property.TryGetProperty("type", out var type))
            return [];
        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")
            : [type.GetString()!];
    }

    private static string? Range(JsonElement property, string low, string high)
    {
        var min = property.TryGetProperty(low, out var a) && a.ValueKind == JsonValueKind.Number ? a.GetDouble().ToString(CultureInfo.InvariantCulture) : null;
        var max = property.TryGetProperty(high, out var b) && b.ValueKind == JsonValueKind.Number ? b.GetDouble().ToString(CultureInfo.InvariantCulture) : null;
        return (min, max) switch
        {
            (null, null) => null,
            ({ } x, { } y) => $"{x}..{y}",
            ({ } x, null) => $"≥{x}",
            (null, { } y) => $"≤{y}",
        };
    }

    private sealed record Parameter(string Name, string Description, string Type, bool Required);
}
