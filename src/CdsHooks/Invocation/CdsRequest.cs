using System.Text.Json.Nodes;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>The body of <c>POST /cds-services/{id}</c> (CDS Hooks 2.0).</summary>
internal sealed record CdsRequest(
    string? Hook,
    string? HookInstance,
    string? FhirServer,
    CdsFhirAuthorization? FhirAuthorization,
    JsonObject? Context,
    JsonObject? Prefetch);
