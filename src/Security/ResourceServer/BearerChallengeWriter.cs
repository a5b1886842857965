using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>
/// The 401 a request without a valid token gets: a <c>WWW-Authenticate: Bearer</c> challenge (RFC 6750) and a FHIR
/// OperationOutcome saying, in one line, what was wrong with the token — never the token itself.
/// </summary>
internal static class BearerChallengeWriter
{
    public static async Task WriteAsync(HttpContext context, Exception? failure)
    {
        var (error, message) = Describe(context, failure);
        context.Response.Headers.WWWAuthenticate = error is null
            ? "Bearer"
            : $"Bearer error=\"{error}\", error_description=\"{message}\"";
        await Hardening.OutcomeResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "login", message).ConfigureAwait(false);
    }

    private static (string? Error, string Message) Describe(HttpContext context, Exception? failure)
    {
        if (failure is null)
        {
            var sent = context.Request.Headers.Authorization.ToString();
            return sent.Length == 0
                ? (null, "This endpoint needs a bearer access token (SMART on FHIR); see .well-known/smart-configuration for where to get one.")
                : ("invalid_request", "The Authorization header is not a bearer token.");
        }

        var reason = failure switch
        {
            SecurityTokenExpiredException => "the access token has expired",
            SecurityTokenNotYetValidException => "the access token is not valid yet (nbf)",
            SecurityTokenInvalidAudienceException => "the access token is for another audience (aud), not this server",
            SecurityTokenInvalidIssuerException => "the access token comes from an issuer this server does not trust (iss)",
            SecurityTokenSignatureKeyNotFoundException => "the access token is signed with a key this server does not know",
            SecurityTokenInvalidSignatureException => "the access token's signature is not valid",
            SecurityTokenInvalidAlgorithmException => "the access token's signing algorithm is not accepted",
            SecurityTokenNoExpirationException => "the access token has no expiry (exp)",
            SecurityTokenInvalidLifetimeException => "the access token has expired or is not valid yet (exp, nbf)",
            _ => "the access token could not be read or validated",
        };
        return ("invalid_token", char.ToUpperInvariant(reason[0]) + reason[1..] + ".");
    }
}
