using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Expressions;

/// <summary>The variables an expression reads: a JSON object per name, and the clinical now for date functions.</summary>
public sealed class VariableScope(JsonObject variables, DateTimeOffset now)
{
    public JsonObject Variables { get; } = variables;

    public DateTimeOffset Now { get; } = now;

    /// <summary>The value at a dotted path. The first name must exist; a missing field below it is null.</summary>
    public object? Resolve(string path)
    {
        var parts = path.Split('.');
        if (!Variables.TryGetPropertyValue(parts[0], out var node))
        {
            throw new ExpressionException($"Undefined variable '{parts[0]}'.");
        }

        foreach (var part in parts.Skip(1))
        {
            node = node switch
            {
                JsonObject obj => obj[part],
                JsonArray array when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) => i < array.Count ? array[i] : null,
                JsonArray array when part == "count" => JsonValue.Create(array.Count),
                _ => null,
            };
        }

        return Values.FromJson(node);
    }
}
