namespace ClinicalAgent.Fhir.Import;

/// <summary>What happens to one scanned resource, and the <c>Type/id</c> it will have in the store.</summary>
internal sealed record PlannedItem(ImportDisposition Disposition, string? Key = null)
{
    public static PlannedItem Ignored { get; } = new(ImportDisposition.Ignore);

    public static PlannedItem Passed { get; } = new(ImportDisposition.Pass);

    /// <summary>The id part of <see cref="Key"/>.</summary>
    public string Id => Key is { } key ? key[(key.IndexOf('/', StringComparison.Ordinal) + 1)..] : "";
}
