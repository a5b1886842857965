namespace ClinicalAgent.Agent.Runtime.Validation;

/// <summary>One way a value breaks its JSON Schema.</summary>
/// <param name="Path">The value's place: an argument name such as <c>count</c>, <c>codes[1]</c>, <c>filter.system</c>; empty for the whole value.</param>
/// <param name="Keyword">The schema keyword broken, e.g. <c>minimum</c>.</param>
/// <param name="Message">A short sentence naming both, for the model and the trace.</param>
internal sealed record SchemaViolation(string Path, string Keyword, string Message);
