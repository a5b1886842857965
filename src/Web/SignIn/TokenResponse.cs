using System.Text.Json.Serialization;

namespace ClinicalAgent.Web.SignIn;

/// <summary>The token endpoint's answer to the authorization code (SMART App Launch: the tokens and the launch context).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("patient")] string? Patient,
    [property: JsonPropertyName("encounter")] string? Encounter,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);
