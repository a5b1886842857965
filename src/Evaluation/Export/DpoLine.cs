using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Export;

/// <summary>One preference pair in TRL's conversational DPO format: the shared prompt (system and question) and the two
/// continuations of it.</summary>
internal sealed record DpoLine(
    [property: JsonPropertyName("prompt")] IReadOnlyList<ExportMessage> Prompt,
    [property: JsonPropertyName("chosen")] IReadOnlyList<ExportMessage> Chosen,
    [property: JsonPropertyName("rejected")] IReadOnlyList<ExportMessage> Rejected);
