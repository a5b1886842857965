namespace ClinicalAgent.Auth;

/// <summary>A token the local authorization server issued: the JWT, its lifetime in seconds, the granted scopes and the patient in context.</summary>
public sealed record LocalTokenResponse(string AccessToken, int ExpiresIn, string? Scope, string? Patient);
