using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Security.ResourceServer;

/// <summary>The caller of a request, for endpoints that decide per interaction (FHIR REST, workflows, audit).</summary>
public static class HttpContextCallerExtensions
{
    private static readonly object CacheKey = new();

    /// <summary>
    /// The validated token's caller; <see cref="FhirCaller.Unrestricted"/> when authorization is off (or not
    /// registered at all); a caller with no scopes when authorization is on and the request carried no valid token.
    /// </summary>
    public static FhirCaller GetFhirCaller(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(CacheKey, out var cached) && cached is FhirCaller known)
            return known;
        var caller = !SmartResourceServerExtensions.IsEnabled(context.RequestServices)
            ? FhirCaller.Unrestricted
            : context.User.Identity?.IsAuthenticated == true
                ? FhirCaller.FromPrincipal(context.User)
                : FhirCaller.FromPrincipal(new System.Security.Claims.ClaimsPrincipal());
        context.Items[CacheKey] = caller;
        return caller;
    }
}
