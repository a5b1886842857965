namespace ClinicalAgent.Agent.Loop;

/// <summary>One entry of an agent run's trace. Holds sizes, counts and timings, never record text.</summary>
/// <param name="Number">The model call this entry belongs to, from 1; a tool step shares the number of the model call that asked for it.</param>
/// <param name="Kind">A model call or a tool call.</param>
/// <param name="ToolName">The tool's name; null for model steps.</param>
/// <param name="ArgumentsJson">The tool call's arguments as JSON; null for model steps.</param>
/// <param name="ResultChars">Characters of the tool's result, or of the model's reply text.</param>
/// <param name="InputTokens">Prompt tokens reported by the model (model steps).</param>
/// <param name="OutputTokens">Generated tokens reported by the model (model steps).</param>
/// <param name="CachedTokens">Prompt tokens served from the model's cache (model steps).</param>
/// <param name="ElapsedMs">Wall time of the step in milliseconds.</param>
/// <param name="Executed">Whether the tool ran (false for unknown tools and refused repeats; true for model steps).</param>
/// <param name="Error">The error returned to the model instead of a result, if any.</param>
/// <param name="SchemaViolation">Whether the call's arguments broke the tool's JSON Schema (the tool was not run; <paramref name="Error"/> says how).</param>
public sealed record AgentStep(
    int Number,
    AgentStepKind Kind,
    string? ToolName,
    string? ArgumentsJson,
    int ResultChars,
    long? InputTokens,
    long? OutputTokens,
    long? CachedTokens,
    double ElapsedMs,
    bool Executed = true,
    string? Error = null,
    bool SchemaViolation = false);
