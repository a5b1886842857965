namespace ClinicalAgent.Fhir.Import;

/// <summary>What one imported file wrote: resources created, updated, skipped, references kept, and failed batch entries.</summary>
internal sealed record FileOutcome(int Created, int Updated, int Skipped, int Kept, IReadOnlyList<string> FailedEntries)
{
    public static FileOutcome Empty { get; } = new(0, 0, 0, 0, []);

    public FileOutcome Add(ImportDisposition disposition) => disposition switch
    {
        ImportDisposition.Create => this with { Created = Created + 1 },
        ImportDisposition.Update => this with { Updated = Updated + 1 },
        ImportDisposition.Skip => this with { Skipped = Skipped + 1 },
        _ => this,
    };
}
