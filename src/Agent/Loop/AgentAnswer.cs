namespace ClinicalAgent.Agent.Loop;

/// <summary>The outcome of one question to the agent.</summary>
/// <param name="Text">The model's final answer, or a note saying why the run stopped without one.</param>
/// <param name="Citations">Resource ids (<c>Type/id</c>) in <paramref name="Text"/> that a tool actually returned, in order of first mention.</param>
/// <param name="Trace">The model and tool steps of the run.</param>
/// <param name="StoppedReason">Why the run ended.</param>
public sealed record AgentAnswer(
    string Text,
    IReadOnlyList<string> Citations,
    IReadOnlyList<AgentStep> Trace,
    AgentStoppedReason StoppedReason)
{
    /// <summary>Tool calls whose arguments broke their schema (answered with an error, never run).</summary>
    public int SchemaViolations => Trace.Count(step => step.SchemaViolation);
}
