namespace ClinicalAgent.Agent.Models.Synthetic;

/// <summary>A synthetic model cannot be written (no tokenizer, no room on the disk): a user error with a short message.</summary>
public sealed class SyntheticModelException(string message) : Exception(message);
