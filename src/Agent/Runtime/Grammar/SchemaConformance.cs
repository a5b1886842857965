using System.Text.Json;
using ClinicalAgent.Agent.Runtime.Validation;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Checks a value against a whole JSON Schema, for callers outside the runtime that hand the model's output on (the
/// OpenAI-compatible endpoint): the grammar enforces most of a schema while sampling, and this catches what it relaxes
/// (<see cref="JsonSchemaGbnfCompiler"/> lists those constructs).
/// </summary>
public static class SchemaConformance
{
    /// <summary>One short sentence per violation (path, keyword, what is wrong); empty when the value conforms.</summary>
    public static IReadOnlyList<string> Violations(JsonElement schema, JsonElement value) =>
        JsonSchemaValidator.Validate(schema, value).Select(v => v.Message).ToList();

    /// <summary>The schema constructs the grammar would only check after sampling (empty when it enforces all of them).</summary>
    /// <exception cref="ToolSchemaException">The schema uses a construct the grammar cannot express at all.</exception>
    public static IReadOnlyList<string> Relaxed(JsonElement schema, string name)
    {
        var compiler = new JsonSchemaGbnfCompiler();
        compiler.AddSchema(schema, name, name);
        return compiler.Relaxations.Select(r => r.ToString()).ToList();
    }
}
