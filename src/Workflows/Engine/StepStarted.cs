namespace ClinicalAgent.Workflows.Engine;

/// <summary>Raised as a step begins (for hosts and the benchmark's trigger-to-first-step latency).</summary>
public sealed record StepStarted(string InstanceId, string Workflow, string StepId, int StepsDone, DateTimeOffset At);
