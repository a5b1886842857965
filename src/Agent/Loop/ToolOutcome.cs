using Microsoft.Extensions.AI;

namespace ClinicalAgent.Agent.Loop;

/// <summary>What one tool call produced: the content sent back to the model and the facts for the trace.</summary>
/// <param name="Result">The result content for the model.</param>
/// <param name="Text">The result as text (for size and the ids it returned).</param>
/// <param name="Executed">Whether the tool ran.</param>
/// <param name="Error">The error sent instead of a result, if any.</param>
/// <param name="SchemaViolation">Whether the arguments broke the tool's schema (the tool did not run).</param>
internal sealed record ToolOutcome(FunctionResultContent Result, string Text, bool Executed, string? Error, bool SchemaViolation = false);
