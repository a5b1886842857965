namespace ClinicalAgent.Agent.Models;

/// <summary>Models <c>model pull</c> knows by name, and the parsing of <c>NAME</c>, <c>URL</c> and <c>NAME|URL</c>.</summary>
public static class ModelCatalog
{
    public const string DefaultName = "medgemma-4b-it";

    private const string MedGemmaRepository = "https://huggingface.co/unsloth/medgemma-4b-it-GGUF/resolve/main/";

    /// <summary>
    /// The known models. Sizes and SHA-256 sums are null: the files could not be fetched from here to measure
    /// them, and a wrong value would reject a good download. The repository is a community GGUF conversion;
    /// MedGemma itself is gated behind Google's Health AI Developer Foundations terms.
    /// </summary>
    public static IReadOnlyList<ModelCatalogEntry> Entries { get; } =
    [
        new(
            DefaultName,
            new ModelFile(MedGemmaRepository + "medgemma-4b-it-Q4_K_M.gguf", "medgemma-4b-it-Q4_K_M.gguf"),
            new ModelFile(MedGemmaRepository + "mmproj-F16.gguf", "medgemma-4b-it-mmproj-F16.gguf")),
    ];

    /// <summary>
    /// A catalogue name, a URL (named after its file), or <c>NAME|URL</c> for a model the catalogue does not
    /// know; null or empty means <see cref="DefaultName"/>.
    /// </summary>
    public static ModelCatalogEntry Resolve(string? nameOrUrl)
    {
        var text = string.IsNullOrWhiteSpace(nameOrUrl) ? DefaultName : nameOrUrl.Trim();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar > 0)
        {
            return new ModelCatalogEntry(text[..bar].Trim(), ModelFile.FromUrl(text[(bar + 1)..].Trim()));
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            var file = ModelFile.FromUrl(text);
            return new ModelCatalogEntry(Path.GetFileNameWithoutExtension(file.FileName), file);
        }

        return Entries.FirstOrDefault(e => string.Equals(e.Name, text, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown model '{text}'. Known: {string.Join(", ", Entries.Select(e => e.Name))}; or give a URL, or NAME|URL.");
    }
}
