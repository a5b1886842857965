using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Compiles JSON Schemas (as <see cref="Microsoft.Extensions.AI.AIFunctionDeclaration.JsonSchema"/>
/// gives them) into llama.cpp GBNF rules. Several schemas can share one compiler so that the JSON
/// primitives are defined once; <see cref="ToGbnf"/> then renders the whole grammar.
/// </summary>
/// <remarks>
/// Supported: objects (declared properties in schema order, optional ones omittable, maps through
/// <c>additionalProperties</c>), strings with escapes, <c>minLength</c>/<c>maxLength</c>,
/// <c>format</c> date, date-time, time and uuid, integers (non-negative when <c>minimum</c> ≥ 0),
/// numbers, booleans, null, <c>enum</c>/<c>const</c> of any JSON value, arrays with <c>items</c>,
/// <c>minItems</c>/<c>maxItems</c>, <c>anyOf</c>/<c>oneOf</c>/single <c>allOf</c>, type unions and
/// <c>nullable</c>, non-recursive <c>$ref</c> JSON Pointers within the schema, and <c>{}</c>/<c>true</c>
/// as any value. Not enforced: numeric bounds other than sign, <c>multipleOf</c>,
/// <c>uniqueItems</c>, oneOf's exclusivity. Rejected with <see cref="ToolSchemaException"/>:
/// <c>pattern</c>, <c>patternProperties</c>, <c>if/then/else</c>, <c>not</c>, several-schema
/// <c>allOf</c>, <c>contains</c>, <c>prefixItems</c>, dependencies, recursive or external <c>$ref</c>.
/// </remarks>
public sealed class JsonSchemaGbnfCompiler
{
    private readonly GbnfRules _rules = new();

    /// <summary>
    /// Compiles <paramref name="schema"/> and returns the GBNF rule name that matches a JSON value
    /// valid for it (a shared primitive such as <c>json-string</c> for simple schemas).
    /// </summary>
    /// <param name="schema">The JSON Schema.</param>
    /// <param name="toolName">Named in error messages.</param>
    /// <param name="ruleHint">Base for the rule names created (sanitized and made unique).</param>
    /// <exception cref="ToolSchemaException">The schema uses a construct GBNF cannot express.</exception>
    public string AddSchema(JsonElement schema, string toolName, string ruleHint)
    {
        ArgumentNullException.ThrowIfNull(toolName);
        ArgumentNullException.ThrowIfNull(ruleHint);
        return new SchemaCompilation(_rules, schema, toolName).Compile(ruleHint);
    }

    /// <summary>Adds a rule of your own (named from <paramref name="hint"/>) and returns its name.</summary>
    public string AddRule(string hint, string body) => _rules.Add(hint, body);

    /// <summary>Returns the name of a shared primitive rule: <c>ws</c>, <c>json-string</c>,
    /// <c>json-value</c>, and so on.</summary>
    public string Primitive(string name) => _rules.Primitive(name);

    /// <summary>Renders the grammar: <c>root ::= <paramref name="rootBody"/></c>, then every rule.</summary>
    public string ToGbnf(string rootBody) => _rules.Render(rootBody);

    /// <summary>A complete grammar whose root matches exactly the JSON values valid for
    /// <paramref name="schema"/>.</summary>
    public static string Compile(JsonElement schema, string toolName)
    {
        var compiler = new JsonSchemaGbnfCompiler();
        var value = compiler.AddSchema(schema, toolName, $"{toolName}-args");
        return compiler.ToGbnf(value);
    }
}
