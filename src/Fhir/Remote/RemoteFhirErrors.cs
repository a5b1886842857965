using System.Net;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>
/// Translates what goes wrong talking to a remote FHIR server into <see cref="FhirGatewayException"/>, so
/// callers see the same statuses and outcomes as from the embedded store.
/// </summary>
internal static class RemoteFhirErrors
{
    /// <summary>The server answered with an error status: keep its status and, where it sent one, its outcome.</summary>
    public static FhirGatewayException FromOperation(FhirOperationException ex)
    {
        var outcome = ex.Outcome is { Issue.Count: > 0 } ? ex.Outcome : Outcome(IssueCodeFor(ex.Status), ex.Message);
        return new FhirGatewayException(ex.Status, outcome, ex);
    }

    /// <summary>An error status read off a raw response (the paths that bypass FhirClient).</summary>
    public static FhirGatewayException FromResponse(HttpStatusCode status, byte[] body, Uri baseUrl)
    {
        try
        {
            if (body.Length > 0 && FhirJson.Parse(body) is OperationOutcome { Issue.Count: > 0 } outcome)
            {
                return new FhirGatewayException(status, outcome);
            }
        }
        catch (FhirGatewayException)
        {
            // Not a FHIR body (an HTML error page, a proxy's text); fall through to a generic outcome.
        }

        return new FhirGatewayException(status, Outcome(IssueCodeFor(status), $"The FHIR server at {baseUrl} answered {(int)status} {status}."));
    }

    /// <summary>The server could not be reached at all.</summary>
    public static FhirGatewayException Unreachable(Uri baseUrl, HttpRequestException ex) =>
        new(HttpStatusCode.ServiceUnavailable,
            Outcome(OperationOutcome.IssueType.Transient, $"The FHIR server at {baseUrl} could not be reached: {ex.Message}"),
            ex);

    /// <summary>The HTTP client gave up waiting.</summary>
    public static FhirGatewayException TimedOut(Uri baseUrl, Exception ex) =>
        new(HttpStatusCode.GatewayTimeout,
            Outcome(OperationOutcome.IssueType.Timeout, $"The FHIR server at {baseUrl} did not answer in time."),
            ex);

    /// <summary>The server answered 2xx with something that is not the FHIR we asked for.</summary>
    public static FhirGatewayException BadAnswer(Uri baseUrl, string what, Exception? ex = null) =>
        new(HttpStatusCode.BadGateway,
            Outcome(OperationOutcome.IssueType.Exception, $"The FHIR server at {baseUrl} answered {what}{(ex is null ? "" : $": {ex.Message}")}"),
            ex);

    private static OperationOutcome.IssueType IssueCodeFor(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound or HttpStatusCode.Gone => OperationOutcome.IssueType.NotFound,
        HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed => OperationOutcome.IssueType.Conflict,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => OperationOutcome.IssueType.Security,
        HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented => OperationOutcome.IssueType.NotSupported,
        < HttpStatusCode.InternalServerError => OperationOutcome.IssueType.Invalid,
        _ => OperationOutcome.IssueType.Exception,
    };

    private static OperationOutcome Outcome(OperationOutcome.IssueType code, string text) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = code,
                Diagnostics = text,
            },
        ],
    };
}
