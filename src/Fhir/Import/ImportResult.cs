namespace ClinicalAgent.Fhir.Import;

/// <summary>What an import stored, and each file that failed with the reason (its content was rolled back).</summary>
public sealed record ImportResult(int Files, int Resources, IReadOnlyList<ImportFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;
}
