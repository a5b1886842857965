namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// The plan of one file: each resource's fate by position (Bundle entry or NDJSON line), the fullUrls of the file
/// and the <c>Type/id</c> each will have, and the fullUrls the store itself resolves (entries sent as written).
/// </summary>
internal sealed class FilePlan(ScannedFile file)
{
    public ScannedFile File { get; } = file;

    public Dictionary<int, PlannedItem> Items { get; } = [];

    public Dictionary<string, string> FullUrls { get; } = new(StringComparer.Ordinal);

    public HashSet<string> LeftToStore { get; } = new(StringComparer.Ordinal);

    /// <summary>Why the file cannot be imported, found while scanning or planning.</summary>
    public string? Error { get; set; }

    public PlannedItem At(int index) => Items.TryGetValue(index, out var item) ? item : PlannedItem.Ignored;
}
