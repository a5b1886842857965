using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>The body of <c>POST /cds-services/{id}</c> (CDS Hooks 2.0).</summary>
internal sealed record CdsRequest(
    string? Hook,
    string? HookInstance,
    string? FhirServer,
    CdsFhirAuthorization? FhirAuthorization,
    JsonObject? Context,
    JsonObject? Prefetch);

/// <summary>The token the service may use to read <see cref="CdsRequest.FhirServer"/>.</summary>
internal sealed record CdsFhirAuthorization(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("subject")] string? Subject);
