namespace ClinicalAgent.Workflows.Engine;

/// <summary>The message the framework passes between step executors: which instance, and which step runs next.</summary>
internal sealed record StepToken(string InstanceId, string? Next);
