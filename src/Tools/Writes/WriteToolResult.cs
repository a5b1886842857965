using System.Text.Json.Serialization;

namespace ClinicalAgent.Tools.Writes;

/// <summary>What a write tool tells the model: written, pending approval, accepted (recorded), or denied with the proposal.</summary>
/// <param name="Status"><c>written</c>, <c>pending_approval</c>, <c>accepted</c> (benchmark recording) or <c>denied</c>.</param>
/// <param name="Id">The written resource, <c>Type/id</c>.</param>
/// <param name="Existing">True when an earlier write with the same idempotency key was found and nothing new was written.</param>
/// <param name="PendingId">The id a person approves the write by.</param>
/// <param name="Reason">Why the write was denied or deferred.</param>
/// <param name="Proposed">What would have been written.</param>
internal sealed record WriteToolResult(
    string Status,
    string? Id = null,
    bool? Existing = null,
    [property: JsonPropertyName("pending_id")] string? PendingId = null,
    string? Reason = null,
    WriteSummary? Proposed = null);
