using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Chooses the response format from <c>_format</c> (which wins, as the spec says) or the <c>Accept</c> header, and
/// refuses with 406 what it cannot serve rather than answering JSON to a client that asked for something else.
/// </summary>
internal static class FhirFormatNegotiation
{
    private const string ItemKey = "ClinicalAgent.FhirFormat";

    private const string NativeKey = "ClinicalAgent.NativeBinary";

    /// <summary>Chooses the format and keeps it on the request for the result; 406 when nothing acceptable is served.</summary>
    public static void Negotiate(HttpContext context)
    {
        if (IsBinaryRead(context) && PrefersNative(context.Request))
        {
            // The bytes go out as they are; a failure before them is still an OperationOutcome in JSON.
            context.Items[NativeKey] = true;
            context.Items[ItemKey] = FhirFormat.Json;
            return;
        }

        var format = Choose(context.Request);
        if (format is null)
        {
            throw FhirGatewayException.Create(
                HttpStatusCode.NotAcceptable,
                OperationOutcome.IssueType.NotSupported,
                $"This server answers in FHIR JSON ({FhirMediaTypes.FhirJson}) or FHIR XML ({FhirMediaTypes.FhirXml}); ask for one with _format or Accept.");
        }

        context.Items[ItemKey] = format.Value;
    }

    /// <summary>The format chosen for this request; JSON when none was (a failure before negotiation).</summary>
    public static FhirFormat Of(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is FhirFormat format ? format : FhirFormat.Json;

    /// <summary>True when this Binary read is to answer the raw bytes rather than the resource.</summary>
    public static bool WantsNativeBinary(HttpContext context) => context.Items.ContainsKey(NativeKey);

    /// <summary>
    /// A Binary is answered as its own bytes unless the request asks for FHIR JSON or XML (<c>_format</c>, or an
    /// Accept whose most preferred range names one): no Accept, <c>*/*</c>, <c>image/png</c> all get the bytes.
    /// </summary>
    private static bool PrefersNative(HttpRequest request)
    {
        if (request.Query["_format"].ToString().Length > 0)
            return false;
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges) || ranges.Count == 0)
            return true;
        var preferred = ranges.Where(r => r.Quality is not 0).OrderByDescending(r => r.Quality ?? 1).FirstOrDefault();
        return preferred is null || FromName(preferred.MediaType.Value ?? "") is null;
    }

    // Read and vread only: a Binary's history is a Bundle like any other.
    private static bool IsBinaryRead(HttpContext context) =>
        HttpMethods.IsGet(context.Request.Method)
        && context.Request.RouteValues["type"] is "Binary"
        && context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
        && (pattern.EndsWith("{type}/{id}", StringComparison.Ordinal) || pattern.EndsWith("{type}/{id}/_history/{versionId}", StringComparison.Ordinal));

    /// <summary>The format a media type or <c>_format</c> value names, or null when it names neither.</summary>
    public static FhirFormat? FromName(string name) =>
        name.Trim().ToLowerInvariant() switch
        {
            "json" or FhirMediaTypes.FhirJson or FhirMediaTypes.Json or "application/json+fhir" => FhirFormat.Json,
            "xml" or FhirMediaTypes.FhirXml or FhirMediaTypes.Xml or "text/xml" or "application/xml+fhir" => FhirFormat.Xml,
            _ => null,
        };

    private static FhirFormat? Choose(HttpRequest request)
    {
        var formatParameter = request.Query["_format"].ToString();
        if (formatParameter.Length > 0)
        {
            // An unencoded '+' in "application/fhir+xml" arrives as a space.
            return FromName(formatParameter.Replace(' ', '+').Split(';')[0]);
        }

        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0 || !MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var ranges))
        {
            return accept.Length == 0 ? FhirFormat.Json : null;
        }

        // Highest quality first; among equals, the order given.
        foreach (var range in ranges.Select((r, i) => (Range: r, Index: i)).OrderByDescending(r => r.Range.Quality ?? 1).ThenBy(r => r.Index).Select(r => r.Range))
        {
            if (range.Quality is 0)
            {
                continue;
            }

            var mediaType = range.MediaType.Value ?? "";
            if (mediaType is "*/*" or "application/*")
            {
                return FhirFormat.Json;
            }

            if (FromName(mediaType) is { } format)
            {
                return format;
            }
        }

        return null;
    }
}
