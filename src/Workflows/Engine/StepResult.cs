using System.Text.Json.Nodes;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>What a step produced: its output variable, where to go (conditions choose), and what to journal.</summary>
public sealed record StepResult(JsonNode? Output)
{
    /// <summary>The next step chosen by the step itself (a condition); null for the default.</summary>
    public string? Next { get; init; }

    public StepBlock Block { get; init; }

    /// <summary>The approval message, when blocking for approval.</summary>
    public string? ApprovalMessage { get; init; }

    /// <summary>Journal detail: ids and counts, never record text.</summary>
    public JsonObject? Detail { get; init; }

    /// <summary>A FHIR write the step made: its idempotency key and resource reference.</summary>
    public (string Key, string Reference)? Write { get; init; }
}
