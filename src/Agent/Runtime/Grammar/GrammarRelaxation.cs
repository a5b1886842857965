namespace ClinicalAgent.Agent.Runtime.Grammar;

/// <summary>
/// A schema constraint the grammar does not enforce (it admits more than the schema), so it is checked after
/// sampling instead: a call that breaks it is answered with a tool error and never reaches the tool.
/// </summary>
/// <param name="ToolName">The tool.</param>
/// <param name="Path">Where in its schema, as <c>$.properties.count</c>.</param>
/// <param name="Keyword">The JSON Schema keyword, e.g. <c>multipleOf</c>.</param>
public sealed record GrammarRelaxation(string ToolName, string Path, string Keyword)
{
    /// <summary>One line for a log or an error message.</summary>
    public override string ToString() => $"tool '{ToolName}': '{Keyword}' at {Path} is checked after sampling, not by the grammar";
}
