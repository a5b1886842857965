namespace ClinicalAgent.Fhir.Import;

/// <summary>
/// What an import did: resources created, updated (found by id or identifier) and skipped, references kept that resolve
/// to nothing (lenient), and each file or batch entry that failed with the reason (a failed file was rolled back).
/// </summary>
public sealed record ImportResult(int Files, int Created, int Updated, int Skipped, int KeptReferences, IReadOnlyList<ImportFailure> Failures)
{
    /// <summary>Resources written: created and updated.</summary>
    public int Resources => Created + Updated;

    /// <summary>Files with at least one failure.</summary>
    public int FailedFiles => Failures.Select(f => f.File).Distinct(StringComparer.Ordinal).Count();

    public bool Succeeded => Failures.Count == 0;
}
