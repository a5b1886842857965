using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>The object keywords: properties, required, additional and pattern properties, property names and counts, dependencies.</summary>
internal sealed class ObjectKeywords(JsonSchemaValidator validator)
{
    public void Check(JsonElement schema, JsonElement value, string path, int depth)
    {
        var members = value.EnumerateObject().ToList();
        var declared = schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object ? properties : default;
        var patterns = schema.TryGetProperty("patternProperties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Select(e => (Pattern: e.Name, Schema: e.Value)).ToList()
            : [];
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : default;

        foreach (var member in members)
        {
            var memberPath = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            var known = false;
            if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(member.Name, out var memberSchema))
            {
                validator.Check(memberSchema, member.Value, memberPath, depth + 1);
                known = true;
            }

            foreach (var (_, patternSchema) in patterns.Where(x => SchemaRegex.IsMatch(x.Pattern, member.Name)))
            {
                validator.Check(patternSchema, member.Value, memberPath, depth + 1);
                known = true;
            }

            if (known)
            {
                continue;
            }

            if (additional.ValueKind == JsonValueKind.False)
            {
                validator.Add(memberPath, "additionalProperties", "is not an argument of this tool");
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                validator.Check(additional, member.Value, memberPath, depth + 1);
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(n => n.GetString()!))
            {
                if (!value.TryGetProperty(name, out _))
                {
                    validator.Add(path.Length == 0 ? name : $"{path}.{name}", "required", "is required but missing");
                }
            }
        }

        if (schema.TryGetProperty("propertyNames", out var names))
        {
            foreach (var member in members)
            {
                using var name = JsonDocument.Parse(JsonSerializer.Serialize(member.Name));
                if (!validator.IsValid(names, name.RootElement, path, depth + 1))
                {
                    validator.Add(path.Length == 0 ? member.Name : $"{path}.{member.Name}", "propertyNames", "is not an allowed name");
                }
            }
        }

        if (Count(schema, "minProperties") is { } min && members.Count < min)
        {
            validator.Add(path, "minProperties", $"has {members.Count} members, fewer than {min}");
        }

        if (Count(schema, "maxProperties") is { } max && members.Count > max)
        {
            validator.Add(path, "maxProperties", $"has {members.Count} members, more than {max}");
        }

        CheckDependencies(schema, value, path, depth);
    }

    private void CheckDependencies(JsonElement schema, JsonElement value, string path, int depth)
    {
        foreach (var keyword in (string[])["dependentRequired", "dependentSchemas", "dependencies"])
        {
            if (!schema.TryGetProperty(keyword, out var dependencies) || dependencies.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var dependency in dependencies.EnumerateObject().Where(d => value.TryGetProperty(d.Name, out _)))
            {
                if (dependency.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var name in dependency.Value.EnumerateArray().Select(n => n.GetString()!).Where(n => !value.TryGetProperty(n, out _)))
                    {
                        validator.Add(path.Length == 0 ? name : $"{path}.{name}", keyword, $"is required when '{dependency.Name}' is given");
                    }
                }
                else
                {
                    validator.Check(dependency.Value, value, path, depth + 1);
                }
            }
        }
    }

    private static int? Count(JsonElement schema, string keyword) => SchemaRegex.Count(schema, keyword);
}
