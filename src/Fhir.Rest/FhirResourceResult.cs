using System.Globalization;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Writes one resource as FHIR JSON or XML (as negotiated) with its status, and for versioned resources the <c>ETag</c> and
/// <c>Last-Modified</c> headers a FHIR client uses for conditional requests.
/// </summary>
/// <remarks>
/// With <see cref="ReturnPreference.Minimal"/> the headers still describe <see cref="Resource"/> but the body is empty;
/// with <see cref="ReturnPreference.OperationOutcome"/> the body is an outcome saying what was done.
/// </remarks>
internal sealed class FhirResourceResult(Resource resource, int statusCode, string? location = null, ReturnPreference body = ReturnPreference.Representation)
    : IResult
{
    public Resource Resource { get; } = resource;

    public int StatusCode { get; } = statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        var format = FhirFormatNegotiation.Of(httpContext);
        response.ContentType = format == FhirFormat.Xml ? FhirMediaTypes.FhirXmlUtf8 : FhirMediaTypes.FhirJsonUtf8;

        // Bundles and OperationOutcomes are not versioned records; their meta says nothing about a stored version.
        if (Resource is not Bundle and not OperationOutcome && Resource.Meta is { } meta)
        {
            if (!string.IsNullOrEmpty(meta.VersionId))
            {
                response.Headers.ETag = $"W/\"{meta.VersionId}\"";
            }

            if (meta.LastUpdated is { } lastUpdated)
            {
                response.Headers.LastModified = lastUpdated.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
            }
        }

        if (location is not null)
        {
            response.Headers.Location = location;
        }

        if (body == ReturnPreference.Minimal)
        {
            response.ContentType = null;
            response.ContentLength = 0;
            return;
        }

        var written = body == ReturnPreference.OperationOutcome && Resource is not OperationOutcome
            ? ReturnPreferences.Outcome($"{StatusCode.ToString(CultureInfo.InvariantCulture)} {ReasonPhrases.GetReasonPhrase(StatusCode)}", location)
            : Resource;
        var pretty = string.Equals(httpContext.Request.Query["_pretty"], "true", StringComparison.OrdinalIgnoreCase);
        var bytes = format == FhirFormat.Xml ? FhirXml.SerializeToBytes(written, pretty) : FhirJson.SerializeToBytes(written, pretty);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
