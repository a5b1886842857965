namespace ClinicalAgent.Agent.Runtime;

/// <summary>Which model answers, exactly enough to name it in a Provenance.</summary>
/// <param name="Name">The model: the GGUF file's name without extension, or the served model's name.</param>
/// <param name="Version"><c>sha256:…</c> of the GGUF file, or the OpenAI-compatible endpoint URL; null when there is no model file.</param>
public sealed record ModelIdentity(string Name, string? Version);
