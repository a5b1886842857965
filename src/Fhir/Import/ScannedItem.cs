namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// One resource of an import file as a quick JSON scan sees it, before the strict parse: where it is (<paramref name="Index"/>:
/// the Bundle entry, or the NDJSON line), its type, id, identifiers and, in a Bundle, its fullUrl and request.
/// </summary>
internal sealed record ScannedItem(
    int Index,
    string? Type,
    string? Id,
    string? FullUrl,
    IReadOnlyList<string> Identifiers,
    string? Method = null,
    string? Url = null,
    string? IfNoneExist = null)
{
    /// <summary>"Type/id" of the id it came with, or null.</summary>
    public string? OriginalKey => Type is null || string.IsNullOrEmpty(Id) ? null : $"{Type}/{Id}";
}
