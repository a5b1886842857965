using System.Security.Claims;
using ClinicalAgent.Security;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>Builds the principal a token is issued for, and says which claims go into which token.</summary>
internal static class TokenClaims
{
    /// <summary>A principal with <c>sub</c>, and <c>fhirUser</c>, <c>name</c> and <c>patient</c> when given.</summary>
    public static ClaimsPrincipal Principal(string subject, string? fhirUser, string? name, string? patient)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, subject);
        if (!string.IsNullOrEmpty(fhirUser))
            identity.SetClaim(SmartClaims.FhirUser, fhirUser);
        if (!string.IsNullOrEmpty(name))
            identity.SetClaim(Claims.Name, name);
        if (!string.IsNullOrEmpty(patient))
            identity.SetClaim(SmartClaims.Patient, patient);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A person's reference as <c>fhirUser</c>: <c>Practitioner/NAME</c> for a bare name, as written for a reference.</summary>
    public static string FhirUser(string person) => person.Contains('/', StringComparison.Ordinal) ? person : $"Practitioner/{person}";

    /// <summary>Every claim into the access token; the person's into the ID token too when <c>openid</c> was granted.</summary>
    public static void SetDestinations(ClaimsPrincipal principal)
    {
        var openId = principal.HasScope(Scopes.OpenId);
        principal.SetDestinations(claim => claim.Type switch
        {
            Claims.Subject or Claims.Name or SmartClaims.FhirUser when openId => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
    }
}
