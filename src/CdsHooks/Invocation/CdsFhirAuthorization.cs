using System.Text.Json.Serialization;

namespace ClinicalAgent.CdsHooks.Invocation;

/// <summary>The token the service may use to read <see cref="CdsRequest.FhirServer"/>.</summary>
internal sealed record CdsFhirAuthorization(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] long? ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("subject")] string? Subject);
