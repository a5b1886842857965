namespace ClinicalAgent.Fhir.Import;

/// <summary>An import file after the quick scan: its shape, its resources, or why it cannot be imported.</summary>
internal sealed record ScannedFile(string Path, ImportFileShape Shape, string? BundleType, IReadOnlyList<ScannedItem> Items, string? Error = null)
{
    /// <summary>The conditional references (<c>Practitioner?identifier=…</c>) the file's resources hold.</summary>
    public HashSet<string> Conditionals { get; } = new(StringComparer.Ordinal);

    public string Name => System.IO.Path.GetFileName(Path);
}
