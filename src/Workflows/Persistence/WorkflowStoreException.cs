namespace ClinicalAgent.Workflows.Persistence;

/// <summary>The workflow store cannot be opened as configured (a user error: a setting, an unreachable database).</summary>
public sealed class WorkflowStoreException(string message, Exception? inner = null) : Exception(message, inner);
