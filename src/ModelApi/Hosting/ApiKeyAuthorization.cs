using ClinicalAgent.ModelApi.Protocol;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.ModelApi.Hosting;

/// <summary>
/// /v1's door, the same as /fhir's: when authorization is on, the request needs a bearer token the served endpoints'
/// JWT handler accepts (signature, issuer, audience, lifetime). OpenAI clients send their API key as
/// <c>Authorization: Bearer &lt;key&gt;</c>, so the key is such a token (<c>clinicalagent auth token</c>). The check is
/// made here rather than by the <c>smart</c> policy so that a refusal is OpenAI's error JSON, which the clients show,
/// instead of a FHIR OperationOutcome.
/// </summary>
internal static class ApiKeyAuthorization
{
    /// <summary>Authenticates the request; a 401 <see cref="ModelApiException"/> when the token is missing or refused.</summary>
    public static async Task EnsureAsync(HttpContext context)
    {
        if (!SmartResourceServerExtensions.IsEnabled(context.RequestServices))
            return;
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (result.Succeeded && result.Principal is { } principal)
        {
            context.User = principal;
            return;
        }

        var message = result.None
            ? "No API key: send Authorization: Bearer <token>, a token from this server's authorization server (clinicalagent auth token)."
            : "The API key is not a valid token for this server (expired, or from another issuer or audience).";
        throw new ModelApiException(401, message, code: "invalid_api_key", type: "authentication_error");
    }
}
