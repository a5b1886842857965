namespace ClinicalAgent.Tools.Writes;

/// <summary>The AI system that produced a write, as its Provenance names it (HL7 AI Transparency on FHIR).</summary>
/// <param name="Name">The model's name, e.g. <c>medgemma-4b-it</c> or the served model's name.</param>
/// <param name="Version">What pins the exact model: <c>sha256:…</c> of the GGUF file, or the OpenAI-compatible endpoint URL; null when unknown.</param>
public sealed record AiSystem(string Name, string? Version)
{
    /// <summary>An AI system the host did not name: the Provenance still says one wrote, just not which.</summary>
    public static AiSystem Unidentified { get; } = new("unidentified language model", null);

    /// <summary>One line for a Provenance agent's display: the name and, when known, the version.</summary>
    public string Display => Version is null ? Name : $"{Name} ({Version})";
}
