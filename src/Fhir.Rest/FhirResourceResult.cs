using System.Globalization;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Task = System.Threading.Tasks.Task;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Writes one resource as FHIR JSON or XML (as negotiated) with its status, and for versioned resources the <c>ETag</c> and
/// <c>Last-Modified</c> headers a FHIR client uses for conditional requests.
/// </summary>
internal sealed class FhirResourceResult(Resource resource, int statusCode, string? location = null) : IResult
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

        var pretty = string.Equals(httpContext.Request.Query["_pretty"], "true", StringComparison.OrdinalIgnoreCase);
        var body = format == FhirFormat.Xml ? FhirXml.SerializeToBytes(Resource, pretty) : FhirJson.SerializeToBytes(Resource, pretty);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
