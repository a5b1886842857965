using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// The GBNF grammar for a reply in a JSON response format (<see cref="ChatOptions.ResponseFormat"/>): with a schema,
/// exactly the JSON values <see cref="JsonSchemaGbnfCompiler"/> admits for it; without, any JSON object. The reply is
/// the value alone, no whitespace around it, so streamed pieces concatenate to the non-streaming text.
/// </summary>
internal static class ResponseFormatGrammar
{
    /// <summary>Name used for a schema without one, in rule names and error messages.</summary>
    public const string DefaultSchemaName = "response";

    /// <summary>Builds the grammar; what it relaxes is added to <paramref name="relaxations"/>.</summary>
    /// <exception cref="ToolSchemaException">The schema uses a construct the grammar cannot express.</exception>
    public static string Build(ChatResponseFormatJson format, GrammarLimits limits, List<GrammarRelaxation>? relaxations = null)
    {
        ArgumentNullException.ThrowIfNull(format);
        var compiler = new JsonSchemaGbnfCompiler(limits);
        var root = format.Schema is { } schema
            ? compiler.AddSchema(schema, format.SchemaName ?? DefaultSchemaName, format.SchemaName ?? DefaultSchemaName)
            : compiler.Primitive("json-object");
        relaxations?.AddRange(compiler.Relaxations);
        return compiler.ToGbnf(root);
    }
}
