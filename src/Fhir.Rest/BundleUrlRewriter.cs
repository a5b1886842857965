using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>
/// Makes a Bundle's relative <c>fullUrl</c>s and links absolute against the facade's base, because the
/// store does not know the address it is served at and REST clients follow links verbatim.
/// </summary>
internal static class BundleUrlRewriter
{
    /// <summary>Rewrites <paramref name="bundle"/> in place and returns it.</summary>
    public static Bundle MakeAbsolute(Bundle bundle, string baseUrl)
    {
        foreach (var link in bundle.Link)
        {
            link.Url = Absolute(link.Url, baseUrl);
        }

        foreach (var entry in bundle.Entry)
        {
            entry.FullUrl = Absolute(entry.FullUrl, baseUrl);
        }

        return bundle;
    }

    /// <summary><paramref name="url"/> resolved against <paramref name="baseUrl"/> unless it is already absolute (or a urn).</summary>
    public static string? Absolute(string? url, string baseUrl)
    {
        // On Unix "/Patient/1" parses as an absolute file URI; a server-relative path is still relative here.
        if (string.IsNullOrEmpty(url) || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile))
        {
            return url;
        }

        return $"{baseUrl.TrimEnd('/')}/{url.TrimStart('/')}";
    }
}
