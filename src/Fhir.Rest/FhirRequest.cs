using System.Net;
using System.Text;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Serialization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>Reads what a FHIR REST request says: its base, type, body, search and preconditions.</summary>
internal static class FhirRequest
{
    /// <summary>The absolute base the request came in on, <c>{scheme}://{host}{pathBase}{prefix}</c>, without a trailing slash.</summary>
    public static string BaseUrl(HttpRequest request, string prefix) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{prefix}";

    /// <summary>The request's <c>{scheme}://{host}</c> (the host validated by the served-endpoint protection).</summary>
    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}";

    /// <summary>Throws a 404 naming <paramref name="type"/> unless it is an R4 resource type.</summary>
    public static void EnsureResourceType(string type)
    {
        if (!SearchParameterRegistry.Default.IsResourceType(type))
        {
            throw FhirGatewayException.NotFound($"Unknown resource type '{type}': not an R4 resource type served here.");
        }
    }

    /// <summary>True when the <c>Prefer</c> header asks for <c>handling=lenient</c>.</summary>
    public static bool IsLenient(HttpRequest request) =>
        request.Headers["Prefer"]
            .SelectMany(v => (v ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Any(p => string.Equals(p.Replace(" ", ""), "handling=lenient", StringComparison.OrdinalIgnoreCase));

    /// <summary>The search of a GET: the query string as given.</summary>
    public static SearchQuery SearchFromQuery(HttpRequest request) =>
        SearchQuery.Parse(request.QueryString.Value, IsLenient(request));

    /// <summary>The search of a <c>POST _search</c>: the query string, then the form body's pairs.</summary>
    public static async Task<SearchQuery> SearchFromFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = "";
        if (request.ContentLength is not 0)
        {
            var mediaType = MediaTypeOf(request);
            if (mediaType is not null && !mediaType.Equals(FhirMediaTypes.FormUrlEncoded, StringComparison.OrdinalIgnoreCase))
            {
                throw Unsupported(mediaType, FhirMediaTypes.FormUrlEncoded);
            }

            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(cancellationToken);
        }

        var query = (request.QueryString.Value ?? "").TrimStart('?');
        var combined = query.Length == 0 ? body : body.Length == 0 ? query : $"{query}&{body}";
        return SearchQuery.Parse(combined, IsLenient(request));
    }

    /// <summary>Parses the FHIR JSON or XML body (by its Content-Type); with <paramref name="expectedType"/>, it must be a resource of that type.</summary>
    /// <exception cref="FhirGatewayException">413 past <see cref="FhirBodyLimits"/>; 400 for a body that is not such a resource.</exception>
    public static async Task<Resource> ReadResourceAsync(HttpRequest request, string? expectedType, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeOf(request);
        var format = mediaType is null ? FhirFormat.Json : FhirFormatNegotiation.FromName(mediaType)
            ?? throw Unsupported(mediaType, $"{FhirMediaTypes.FhirJson} or {FhirMediaTypes.FhirXml}");

        using var buffer = new MemoryStream();
        var (limit, what) = expectedType is null ? (FhirBodyLimits.BundleBytes, "a transaction or batch") : (FhirBodyLimits.ResourceBytes, "a resource");
        await FhirBodyLimits.ReadAsync(request, buffer, limit, what, cancellationToken);
        if (buffer.Length == 0)
        {
            throw FhirGatewayException.BadRequest("The request has no body; a FHIR JSON or XML resource is required.");
        }

        var resource = format == FhirFormat.Xml
            ? FhirXml.Parse(buffer.ToArray(), "the request body")
            : FhirJson.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "the request body");
        if (expectedType is not null && resource.TypeName != expectedType)
        {
            throw FhirGatewayException.BadRequest(
                $"The body is a {resource.TypeName} but the URL is for {expectedType}.", "resourceType");
        }

        return resource;
    }

    /// <summary>The version an <c>If-Match</c> header names (<c>W/"3"</c> or <c>"3"</c>), or null without one.</summary>
    public static string? IfMatchVersion(HttpRequest request) => ETagVersion.Parse(request.Headers.IfMatch.ToString(), "If-Match");

    /// <summary>The <c>If-None-Exist</c> search of a conditional create, or null for a plain create.</summary>
    public static string? IfNoneExist(HttpRequest request)
    {
        var header = request.Headers["If-None-Exist"].ToString().Trim().TrimStart('?');
        return header.Length == 0 ? null : header;
    }

    private static string? MediaTypeOf(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : request.ContentType;

    private static FhirGatewayException Unsupported(string mediaType, string expected) =>
        FhirGatewayException.Create(
            HttpStatusCode.UnsupportedMediaType,
            OperationOutcome.IssueType.NotSupported,
            $"Content-Type '{mediaType}' is not supported here; send {expected}.");
}
