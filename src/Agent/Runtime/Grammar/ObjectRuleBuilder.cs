using System.Text;
using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Builds the rule for an object schema. Properties keep the schema's order; optional ones may be
/// left out. Fixing the order keeps the grammar linear in size (any-order would be factorial) and
/// matches the order the prompt shows in schemas and past calls.
/// </summary>
/// <param name="rules">Where rules are defined.</param>
/// <param name="compile">Compiles a property's schema: (schema, rule-name hint, path) to an atom.</param>
internal sealed class ObjectRuleBuilder(GbnfRules rules, Func<JsonElement, string, string, string> compile)
{
    private sealed record Member(string Expression, bool Required);

    public string Build(JsonElement schema, string hint, string path)
    {
        rules.Primitive(GbnfRules.Ws);
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            return OpenObject(schema, hint, path);
        }

        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array)
        {
            required.UnionWith(names.EnumerateArray().Where(n => n.ValueKind == JsonValueKind.String).Select(n => n.GetString()!));
        }

        var members = new List<Member>();
        foreach (var property in properties.EnumerateObject())
        {
            var value = compile(property.Value, $"{hint}-{property.Name}", $"{path}.properties.{property.Name}");
            members.Add(new(KeyValue(property.Name, value), required.Remove(property.Name)));
        }

        // Required but undeclared: the schema allows any value there.
        foreach (var name in required)
        {
            members.Add(new(KeyValue(name, rules.Primitive("json-value")), true));
        }

        // additionalProperties is ignored here: the grammar admits only the declared properties,
        // which is what a tool can use anyway.
        return members.Count == 0
            ? rules.Add(hint, "\"{\" ws \"}\"")
            : rules.Add(hint, $"\"{{\" ws {First(members, 0)} ws \"}}\"");
    }

    /// <summary>An object without declared properties: a map, an empty object or any object.</summary>
    private string OpenObject(JsonElement schema, string hint, string path)
    {
        if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind == JsonValueKind.True)
        {
            return rules.Primitive("json-object");
        }

        if (additional.ValueKind == JsonValueKind.False)
        {
            return rules.Add(hint, "\"{\" ws \"}\"");
        }

        var value = compile(additional, $"{hint}-value", $"{path}.additionalProperties");
        var key = rules.Primitive("json-string");
        var entry = $"{key} ws \":\" ws {value}";
        return rules.Add(hint, $"\"{{\" ws ( {entry} ( ws \",\" ws {entry} )* )? ws \"}}\"");
    }

    private static string KeyValue(string name, string value) =>
        $"{GbnfText.Literal(ProtocolJson.Quote(name))} ws \":\" ws {value}";

    /// <summary>The members from <paramref name="index"/> on when none has been written yet
    /// (so the next one written takes no comma).</summary>
    private static string First(List<Member> members, int index)
    {
        if (index == members.Count)
        {
            return "";
        }

        var member = members[index];
        if (member.Required)
        {
            return member.Expression + Rest(members, index + 1);
        }

        if (index + 1 == members.Count)
        {
            return $"( {member.Expression} )?";
        }

        return $"( {member.Expression}{Rest(members, index + 1)} | {First(members, index + 1)} )";
    }

    /// <summary>The members from <paramref name="index"/> on after one has been written: each
    /// takes a leading comma, optional ones may be skipped.</summary>
    private static string Rest(List<Member> members, int index)
    {
        var builder = new StringBuilder();
        for (var i = index; i < members.Count; i++)
        {
            builder.Append(members[i].Required
                ? $" ws \",\" ws {members[i].Expression}"
                : $" ( ws \",\" ws {members[i].Expression} )?");
        }

        return builder.ToString();
    }
}
