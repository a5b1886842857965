namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>A token the model could have put at a position, with its log-probability.</summary>
/// <param name="Token">The token's text (U+FFFD for a partial character).</param>
/// <param name="Bytes">The token's exact bytes.</param>
/// <param name="LogProbability">Natural log of its probability; at most 0.</param>
public sealed record TokenAlternative(string Token, byte[] Bytes, float LogProbability);
