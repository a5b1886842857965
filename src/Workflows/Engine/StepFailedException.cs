namespace ClinicalAgent.Workflows.Engine;

/// <summary>A step could not do its work (bad data, an answer without the asked-for fields, a refused webhook); retried, then the instance fails.</summary>
internal sealed class StepFailedException(string message, Exception? inner = null) : Exception(message, inner);
