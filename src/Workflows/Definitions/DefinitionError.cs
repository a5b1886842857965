namespace ClinicalAgent.Workflows.Definitions;

/// <summary>One problem in a definition file, with where it is.</summary>
public sealed record DefinitionError(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
