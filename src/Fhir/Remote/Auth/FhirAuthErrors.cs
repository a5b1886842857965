using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>
/// What goes wrong authenticating, as <see cref="FhirGatewayException"/>s a user can act on. None of them carries a
/// token or an assertion: a message may be printed, logged or shown to a model.
/// </summary>
internal static class FhirAuthErrors
{
    // Servers' error_description is free text; a proxy can put a whole HTML page there.
    private const int MaxServerText = 200;

    /// <summary>The FHIR server answered 401 to the token, after a renewal where the source can renew.</summary>
    public static FhirGatewayException Refused(Uri baseUrl, IAccessTokenSource source) => Security(
        HttpStatusCode.Unauthorized,
        source.CanRenew
            ? $"The FHIR server at {baseUrl} refused {source.Description} (401 Unauthorized), also a freshly issued one: authorization failed. Check the scopes (Fhir:Auth:Scope) and the client's registration with the EHR."
            : $"The FHIR server at {baseUrl} refused {source.Description} (401 Unauthorized): authorization failed. The token may have expired; set a new one.");

    /// <summary>The token endpoint answered an OAuth error (RFC 6749 §5.2) or another failure status.</summary>
    public static FhirGatewayException TokenRefused(Uri tokenUrl, HttpStatusCode status, string? error, string? description)
    {
        var what = error is { Length: > 0 }
            ? description is { Length: > 0 } ? $"{Clip(error)} ({Clip(description)})" : Clip(error)
            : $"{(int)status} {status}";
        return Security(
            HttpStatusCode.Unauthorized,
            $"The authorization server at {tokenUrl} refused the token request: {what}. Check Fhir:Auth:ClientId, Fhir:Auth:KeyFile, Fhir:Auth:KeyId and Fhir:Auth:Scope against the client's registration with the EHR.");
    }

    /// <summary>The token endpoint answered 2xx with something that is not a bearer token response.</summary>
    public static FhirGatewayException BadTokenResponse(Uri tokenUrl, string what) => Create(
        HttpStatusCode.BadGateway,
        OperationOutcome.IssueType.Exception,
        $"The authorization server at {tokenUrl} answered the token request {what}.");

    /// <summary>The authorization server or the discovery document could not be reached.</summary>
    public static FhirGatewayException Unreachable(Uri url, Exception ex) => Create(
        HttpStatusCode.ServiceUnavailable,
        OperationOutcome.IssueType.Transient,
        ex is HttpRequestException ? $"{url} could not be reached for a FHIR access token: {ex.Message}" : $"{url} did not answer in time for a FHIR access token.");

    /// <summary>No usable <c>.well-known/smart-configuration</c>.</summary>
    public static FhirGatewayException NoSmartConfiguration(Uri discoveryUrl, string why) => Create(
        HttpStatusCode.BadGateway,
        OperationOutcome.IssueType.NotSupported,
        $"The FHIR server publishes no usable SMART configuration at {discoveryUrl} ({why}); set Fhir:Auth:TokenUrl to its token endpoint.");

    /// <summary>A token endpoint that would receive a signed assertion in clear text.</summary>
    public static FhirGatewayException InsecureTokenUrl(Uri tokenUrl) => Security(
        HttpStatusCode.BadGateway,
        $"The SMART configuration names the token endpoint {tokenUrl}, which is neither https nor on this machine; not sending client credentials there.");

    private static FhirGatewayException Security(HttpStatusCode status, string text) =>
        Create(status, OperationOutcome.IssueType.Security, text);

    private static FhirGatewayException Create(HttpStatusCode status, OperationOutcome.IssueType code, string text) =>
        FhirGatewayException.Create(status, code, text);

    private static string Clip(string text)
    {
        var flat = text.ReplaceLineEndings(" ").Trim();
        return flat.Length <= MaxServerText ? flat : flat[..MaxServerText] + "…";
    }
}
