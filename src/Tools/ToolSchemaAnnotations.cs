using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.SemanticKernel;

namespace ClinicalAgent.Tools;

/// <summary>
/// Adds to a Semantic Kernel function's JSON Schema the bounds its C# parameters declare with data annotations
/// (<see cref="MaxLengthAttribute"/>, <see cref="MinLengthAttribute"/> — items on a list parameter —, <see cref="StringLengthAttribute"/>,
/// <see cref="RangeAttribute"/>), which Semantic Kernel's schema leaves out. The model's grammar and the validator read
/// them: a note's text may be long, a count must be positive.
/// </summary>
internal static class ToolSchemaAnnotations
{
    /// <summary>The methods behind the plugin objects' kernel functions, by function name.</summary>
    public static Dictionary<string, MethodInfo> Methods(IEnumerable<object> plugins) =>
        plugins.SelectMany(p => p.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<KernelFunctionAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToDictionary(x => x.Attribute!.Name ?? x.Method.Name, x => x.Method, StringComparer.Ordinal);

    /// <summary><paramref name="schema"/> with each annotated parameter's bounds; the same schema when there are none.</summary>
    public static JsonElement Apply(JsonElement schema, MethodInfo method)
    {
        var node = JsonNode.Parse(schema.GetRawText())!.AsObject();
        if (node["properties"] is not JsonObject properties)
            return schema;

        var changed = false;
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.Name is null || properties[parameter.Name] is not JsonObject property)
                continue;
            // On a list, MinLength/MaxLength count items, as data annotations mean them.
            var list = parameter.ParameterType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(parameter.ParameterType);
            foreach (var attribute in parameter.GetCustomAttributes<ValidationAttribute>())
            {
                changed |= attribute switch
                {
                    MaxLengthAttribute max => Set(property, list ? "maxItems" : "maxLength", max.Length),
                    MinLengthAttribute min => Set(property, list ? "minItems" : "minLength", min.Length),
                    StringLengthAttribute length => Set(property, "maxLength", length.MaximumLength) | (length.MinimumLength > 0 && Set(property, "minLength", length.MinimumLength)),
                    RangeAttribute { Minimum: IConvertible low, Maximum: IConvertible high } => Set(property, "minimum", low.ToDouble(null)) | Set(property, "maximum", high.ToDouble(null)),
                    _ => false,
                };
            }
        }

        return changed ? JsonSerializer.SerializeToElement(node) : schema;
    }

    private static bool Set(JsonObject property, string keyword, double value)
    {
        property[keyword] = value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);
        return true;
    }
}
