using System.Net;

namespace ClinicalAgent.Web.Pages;

/// <summary>Encoding for the pages: every value from a record or a request goes through here.</summary>
internal static class Html
{
    /// <summary>Text for an element's content or a quoted attribute.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A path segment or query value inside an href.</summary>
    public static string U(string? text) => WebUtility.HtmlEncode(Uri.EscapeDataString(text ?? ""));

    /// <summary>The app's page of a resource (<c>Type/id</c>).</summary>
    public static string ResourceHref(string reference)
    {
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        return slash <= 0 ? "#" : $"/app/resources/{U(reference[..slash])}/{U(reference[(slash + 1)..])}";
    }

    /// <summary>The PNG of an image of the record (a <c>list_images</c> id).</summary>
    public static string ImageHref(string imageId) => $"/app/images?id={U(imageId)}";
}
