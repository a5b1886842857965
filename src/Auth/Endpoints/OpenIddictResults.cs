using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;

namespace ClinicalAgent.Auth.Endpoints;

/// <summary>Answers a passthrough request through OpenIddict, which writes tokens and errors the way the endpoint must (JSON, or a redirect).</summary>
internal static class OpenIddictResults
{
    public static Task ForbidAsync(HttpContext context, string error, string description) =>
        context.ForbidAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }));

    /// <summary>Issues the tokens for <paramref name="principal"/>; a patient in context is also a token response parameter, as SMART asks.</summary>
    public static Task SignInAsync(HttpContext context, System.Security.Claims.ClaimsPrincipal principal)
    {
        var properties = new AuthenticationProperties();
        if (principal.FindFirst(ClinicalAgent.Security.SmartClaims.Patient)?.Value is { Length: > 0 } patient)
            properties.Parameters[ClinicalAgent.Security.SmartClaims.Patient] = patient;
        return context.SignInAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, principal, properties);
    }
}
