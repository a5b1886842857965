using System.Text.Json.Serialization;

namespace ClinicalAgent.Web.SignIn;

/// <summary>The token endpoint's answer to the authorization code (SMART App Launch: the tokens and the launch context).</summary>
/// <remarks>The generated <c>ToString</c> would print the tokens: never format one into a log or message.</remarks>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("id_token")] string? IdToken,
    [property: JsonPropertyName("scope")] string? Scope,
    [property: JsonPropertyName("patient")] string? Patient,
    [property: JsonPropertyName("encounter")] string? Encounter,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription)
{
    /// <summary>Seconds the access token is valid for.</summary>
    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; init; }

    /// <summary>A refresh token, where the server gave one (<c>offline_access</c> or <c>online_access</c>).</summary>
    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    /// <summary>The person, where the server names them in the response itself (else the ID token's <c>fhirUser</c>).</summary>
    [JsonPropertyName("fhirUser")]
    public string? FhirUser { get; init; }
}
