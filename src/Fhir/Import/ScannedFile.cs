namespace ClinicalAgent.Fhir.Import;

/// <summary>An import file after the quick scan: its shape, its resources, or why it cannot be imported.</summary>
internal sealed record ScannedFile(string Path, ImportFileShape Shape, string? BundleType, IReadOnlyList<ScannedItem> Items, string? Error = null)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
