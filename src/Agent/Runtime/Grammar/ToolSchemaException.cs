namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// A tool's JSON Schema uses a construct the GBNF compiler cannot express. Thrown instead of
/// silently dropping the constraint, because a grammar that is looser than the schema would let
/// the model produce arguments the tool then rejects.
/// </summary>
internal sealed class ToolSchemaException : NotSupportedException
{
    public ToolSchemaException(string toolName, string construct, string path)
        : base($"Tool '{toolName}': JSON Schema {construct} at {path} is not supported.")
    {
        ToolName = toolName;
        Construct = construct;
        Path = path;
    }

    /// <summary>The tool whose schema failed to compile.</summary>
    public string ToolName { get; }

    /// <summary>The unsupported keyword or construct, quoted as it appears in the message.</summary>
    public string Construct { get; }

    /// <summary>Where in the schema, as <c>$.properties.x</c>.</summary>
    public string Path { get; }
}
