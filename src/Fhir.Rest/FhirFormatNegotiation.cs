using System.Net;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Chooses the response format from <c>_format</c> (which wins, as the spec says) or the <c>Accept</c> header, and
/// refuses with 406 what it cannot serve rather than answering JSON to a client that asked for something else.
/// </summary>
internal static class FhirFormatNegotiation
{
    private const string ItemKey = "ClinicalAgent.FhirFormat";

    /// <summary>Chooses the format and keeps it on the request for the result; 406 when nothing acceptable is served.</summary>
    public static void Negotiate(HttpContext context)
    {
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
