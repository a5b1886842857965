using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Export;

/// <summary>One whole conversation in TRL's conversational SFT format.</summary>
internal sealed record SftLine([property: JsonPropertyName("messages")] IReadOnlyList<ExportMessage> Messages);
