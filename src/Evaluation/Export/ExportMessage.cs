using System.Text.Json.Serialization;

namespace ClinicalAgent.Evaluation.Export;

/// <summary>A chat message of an export line, as TRL reads it.</summary>
internal sealed record ExportMessage([property: JsonPropertyName("role")] string Role, [property: JsonPropertyName("content")] string Content);
