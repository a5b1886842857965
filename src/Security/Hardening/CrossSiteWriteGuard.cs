using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// Refuses with 415 a browser's cross-site "simple" write: a POST or PUT from a page of another origin whose
/// Content-Type is one a page may send without a CORS preflight (none, <c>text/plain</c>,
/// <c>application/x-www-form-urlencoded</c>, <c>multipart/form-data</c>). Such a request reaches the server whatever
/// CORS says; its answer is unreadable to the page, but its effect (a created resource, a started workflow) is not.
/// Requests without an <c>Origin</c> header (curl, the CLI, servers) and same-origin or allowed-origin pages pass.
/// </summary>
internal sealed class CrossSiteWriteGuard(RequestDelegate next, IOptions<ServerOptions> options)
{
    private static readonly string[] SimpleMediaTypes = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if ((HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method))
            && IsForeign(request, options.Value.Cors.Origins)
            && IsSimple(request.ContentType))
        {
            await OutcomeResponse.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "not-supported",
                "A cross-origin write needs a FHIR or JSON Content-Type (application/fhir+json, application/json); this one is refused unread.").ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>A page of another origin sent it: its <c>Origin</c> is neither this server's nor an allowed one (<c>null</c>, from sandboxed frames and files, is foreign).</summary>
    internal static bool IsForeign(HttpRequest request, IReadOnlyCollection<string> allowed)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
            return false;
        var own = $"{request.Scheme}://{request.Host.Value}";
        return !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            && !allowed.Any(a => string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
    }

    internal static bool IsSimple(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim();
        return mediaType.Length == 0 || SimpleMediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase);
    }
}
