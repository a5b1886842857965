namespace ClinicalAgent.Workflows.Definitions;

/// <summary>A definition that is not valid; nothing from it may start. The message lists every problem, each with file and line.</summary>
internal sealed class WorkflowDefinitionException(IReadOnlyList<DefinitionError> errors)
    : InvalidOperationException(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
