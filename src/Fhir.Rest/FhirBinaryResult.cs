using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// A Binary answered in its own content type (FHIR R4 Binary REST: a read that does not ask for FHIR JSON or XML gets
/// the raw bytes), with its version headers. The bytes are never run as a page: a stored <c>text/html</c> or SVG
/// could otherwise script against this origin.
/// </summary>
internal sealed class FhirBinaryResult(Binary binary) : IResult
{
    public Binary Binary { get; } = binary;

    public int StatusCode => StatusCodes.Status200OK;

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = string.IsNullOrWhiteSpace(Binary.ContentType) ? "application/octet-stream" : Binary.ContentType;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        if (Binary.Meta?.VersionId is { Length: > 0 } version)
            response.Headers.ETag = $"W/\"{version}\"";
        if (Binary.Meta?.LastUpdated is { } lastUpdated)
            response.Headers.LastModified = lastUpdated.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
        var bytes = Binary.Data ?? [];
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
