namespace ClinicalAgent.Agent.Models;

/// <summary>One downloadable file: where it lives and, when known, what it must look like once fetched.</summary>
/// <param name="Url">An http(s) address, such as a Hugging Face <c>resolve</c> URL.</param>
/// <param name="FileName">The name it gets in the model cache.</param>
/// <param name="Size">Expected size in bytes, or null when unknown.</param>
/// <param name="Sha256">Expected SHA-256 as hex, or null when unknown.</param>
public sealed record ModelFile(string Url, string FileName, long? Size = null, string? Sha256 = null)
{
    /// <summary>A file named after the last segment of its URL's path.</summary>
    public static ModelFile FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{url}' is not an http(s) URL.", nameof(url));
        }

        var name = Uri.UnescapeDataString(uri.Segments[^1]).Trim('/');
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"'{url}' does not end in a file name.", nameof(url));
        }

        return new ModelFile(url, name);
    }
}
