using System.Net;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir;

/// <summary>A FHIR operation failed; <see cref="Outcome"/> says what and where, <see cref="Status"/> is the HTTP status.</summary>
public sealed class FhirGatewayException : Exception
{
    public FhirGatewayException(HttpStatusCode status, OperationOutcome outcome, Exception? inner = null)
        : base(Describe(status, outcome), inner)
    {
        Status = status;
        Outcome = outcome;
    }

    /// <summary>The HTTP status a REST server answers with (400, 404, 409, 412, 422, …).</summary>
    public HttpStatusCode Status { get; }

    /// <summary>How long a client should wait before retrying (a busy store's 503); REST answers send it as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The issues, each with a severity, a code, a text and where possible a location.</summary>
    public OperationOutcome Outcome { get; }

    /// <summary>A failure with one error issue.</summary>
    public static FhirGatewayException Create(
        HttpStatusCode status, OperationOutcome.IssueType code, string text, string? location = null)
    {
        var issue = new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = code,
            Diagnostics = text,
        };
        if (location is not null)
        {
            issue.Expression = [location];
        }

        return new FhirGatewayException(status, new OperationOutcome { Issue = [issue] });
    }

    public static FhirGatewayException NotFound(string text) =>
        Create(HttpStatusCode.NotFound, OperationOutcome.IssueType.NotFound, text);

    public static FhirGatewayException BadRequest(string text, string? location = null) =>
        Create(HttpStatusCode.BadRequest, OperationOutcome.IssueType.Invalid, text, location);

    public static FhirGatewayException NotSupported(string text) =>
        Create(HttpStatusCode.BadRequest, OperationOutcome.IssueType.NotSupported, text);

    private static string Describe(HttpStatusCode status, OperationOutcome outcome)
    {
        var texts = outcome.Issue
            .Select(i => i.Expression.Any() ? $"{i.Diagnostics} (at {string.Join(", ", i.Expression)})" : i.Diagnostics)
            .Where(t => !string.IsNullOrEmpty(t));
        return $"{HttpStatusText.Of(status)}: {string.Join("; ", texts)}";
    }
}
