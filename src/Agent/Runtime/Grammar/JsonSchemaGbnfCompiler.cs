using System.Text.Json;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// Compiles JSON Schemas (as <see cref="Microsoft.Extensions.AI.AIFunctionDeclaration.JsonSchema"/>
/// gives them) into llama.cpp GBNF rules. Several schemas can share one compiler so that the JSON
/// primitives are defined once; <see cref="ToGbnf"/> then renders the whole grammar.
/// </summary>
/// <remarks>
/// Enforced by the grammar: objects (declared properties in schema order, optional ones omittable, maps through
/// <c>additionalProperties</c>), strings with escapes, <c>minLength</c>/<c>maxLength</c> (and a cap,
/// <see cref="GrammarLimits.MaxStringLength"/>, on strings without <c>maxLength</c>), <c>format</c> date,
/// date-time, time and uuid, <c>pattern</c> in the subset <see cref="PatternRule"/> documents, integers with any
/// <c>minimum</c>/<c>maximum</c>/<c>exclusiveMinimum</c>/<c>exclusiveMaximum</c>, the sign of bounded numbers,
/// booleans, null, <c>enum</c>/<c>const</c> of any JSON value, arrays with <c>items</c>,
/// <c>minItems</c>/<c>maxItems</c>, <c>anyOf</c>/<c>oneOf</c>, type unions and <c>nullable</c>, <c>$ref</c> JSON
/// Pointers within the schema, and <c>{}</c>/<c>true</c> as any value.
/// Relaxed (the grammar admits more; <see cref="Relaxations"/> lists each for the validator after sampling):
/// number bounds, <c>multipleOf</c>, <c>uniqueItems</c>, oneOf's exclusivity, several-schema <c>allOf</c>,
/// patterns outside the subset, <c>not</c>, <c>if/then/else</c>, <c>contains</c>, <c>prefixItems</c>,
/// dependencies, property-name and -count rules, and recursion below its first level.
/// Rejected with <see cref="ToolSchemaException"/>: <c>false</c>, external <c>$ref</c>, <c>$dynamicRef</c>, and
/// bounds that admit no value.
/// </remarks>
/// <param name="limits">How far bounds are spelled out; <see cref="GrammarLimits.Default"/> when null.</param>
internal sealed class JsonSchemaGbnfCompiler(GrammarLimits? limits = null)
{
    private readonly GbnfRules _rules = new();
    private readonly GrammarLimits _limits = limits ?? GrammarLimits.Default;
    private readonly List<GrammarRelaxation> _relaxations = [];

    /// <summary>The constraints of the schemas added so far that the grammar leaves to the validator.</summary>
    public IReadOnlyList<GrammarRelaxation> Relaxations => _relaxations;

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
        return new SchemaCompilation(_rules, schema, toolName, _limits, _relaxations).Compile(ruleHint);
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
    public static string Compile(JsonElement schema, string toolName, GrammarLimits? limits = null)
    {
        var compiler = new JsonSchemaGbnfCompiler(limits);
        var value = compiler.AddSchema(schema, toolName, $"{toolName}-args");
        return compiler.ToGbnf(value);
    }
}
