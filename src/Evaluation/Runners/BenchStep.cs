namespace ClinicalAgent.Evaluation.Runners;

/// <summary>One step of a task run's trace.</summary>
/// <param name="Kind"><c>model</c>, <c>tool</c>, or in protocol mode <c>get</c>, <c>post</c>, <c>finish</c>, <c>invalid</c>.</param>
/// <param name="Name">The tool's name, or the URL of a GET or POST; null for model steps.</param>
/// <param name="Arguments">The tool call's arguments as JSON, or a POST's body.</param>
/// <param name="ElapsedMs">Wall time of the step.</param>
/// <param name="InputTokens">Prompt tokens (model steps).</param>
/// <param name="OutputTokens">Generated tokens (model steps).</param>
/// <param name="Error">The error the step returned instead of a result, if any.</param>
public sealed record BenchStep(
    string Kind,
    string? Name,
    string? Arguments,
    double ElapsedMs,
    long? InputTokens = null,
    long? OutputTokens = null,
    string? Error = null);
