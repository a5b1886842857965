using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicalAgent.Tools;

/// <summary>
/// Drops what Semantic Kernel's generated schema repeats: a root <c>"condition"</c> key holding the function's own
/// description again. It is no JSON Schema keyword (the grammar and the validator ignore it), so removing it changes
/// no constraint, only the tokens a JSON declaration costs and what <c>tools list</c> prints.
/// </summary>
internal static class ToolSchemaCleanup
{
    public static JsonElement WithoutRepeatedDescription(JsonElement schema, string? description)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("condition", out var condition)
            || condition.ValueKind != JsonValueKind.String || condition.GetString()?.Trim() != description?.Trim())
            return schema;
        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        node.Remove("condition");
        return JsonSerializer.SerializeToElement(node);
    }
}
