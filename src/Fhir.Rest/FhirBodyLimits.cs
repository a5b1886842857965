using System.Globalization;
using System.Net;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// How large a request body may be, per interaction: a single resource up to 4 MB (as large managed FHIR services
/// allow), a transaction or batch Bundle up to 64 MB (a Synthea patient's whole record fits). Past the limit the
/// answer is 413 with an OperationOutcome, read no further than the limit.
/// </summary>
public static class FhirBodyLimits
{
    /// <summary>The most bytes a create or update body may have.</summary>
    public const long ResourceBytes = 4L * 1024 * 1024;

    /// <summary>The most bytes a transaction or batch Bundle may have.</summary>
    public const long BundleBytes = 64L * 1024 * 1024;

    /// <summary>Copies the body into <paramref name="buffer"/>, refusing more than <paramref name="limit"/> bytes.</summary>
    /// <exception cref="FhirGatewayException">413: the body is larger than the limit.</exception>
    internal static async Task ReadAsync(HttpRequest request, Stream buffer, long limit, string what, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit, what);
        }

        // Kestrel's own cap (30 MB by default) would end a larger Bundle with a bare 413; the limit here is the one that holds.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit + 1;
        }

        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw TooLarge(limit, what);
            }

            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
    }

    private static FhirGatewayException TooLarge(long limit, string what) => FhirGatewayException.Create(
        HttpStatusCode.RequestEntityTooLarge,
        OperationOutcome.IssueType.TooCostly,
        string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {limit / (1024 * 1024)} MB {what} may be."));
}
