namespace ClinicalAgent.Fhir.Import;

/// <summary>How <c>fhir import</c> treats references to nothing and resources it already holds: <c>Fhir:Import</c>.</summary>
public sealed class FhirImportOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Fhir:Import";

    /// <summary>
    /// <c>Fhir:Import:References</c> (the CLI's <c>--references</c>): strict (default) fails a file whose conditional or
    /// <c>urn:uuid</c> reference resolves to nothing; lenient keeps such a reference as a logical reference and counts it.
    /// </summary>
    public ReferenceMode References { get; set; } = ReferenceMode.Strict;

    /// <summary>
    /// <c>Fhir:Import:OnDuplicate</c> (the CLI's <c>--on-duplicate</c>): what happens to a resource the store already
    /// holds, found by its id or one of its identifiers. Default: update it.
    /// </summary>
    public DuplicateMode OnDuplicate { get; set; } = DuplicateMode.Update;

    /// <summary>
    /// Whether NDJSON lines go to the JSON readers as the file's UTF-8 bytes (the default) rather than decoded into
    /// strings and encoded back; false is kept for the store-load benchmark's side-by-side comparison.
    /// </summary>
    internal bool Utf8Lines { get; set; } = true;

    /// <summary>
    /// Whether the planning scan reads an NDJSON file's lines on all cores (the default) and the store is asked only
    /// about the types it holds; false scans on one thread and asks about every type, kept for the store-load
    /// benchmark's side-by-side comparison.
    /// </summary>
    internal bool ParallelScan { get; set; } = true;

    /// <summary>
    /// Whether an NDJSON file's lines are parsed on a thread of their own ahead of the store's preparing (the default)
    /// rather than in turn with it; kept for the store-load benchmark's side-by-side comparison.
    /// </summary>
    internal bool ParseAhead { get; set; } = true;

    /// <summary>
    /// Whether a transaction (or collection) Bundle whose every entry the plan decided goes into the embedded store the
    /// way an NDJSON file does, prepared on all cores (the default), rather than as a transaction processed entry by
    /// entry; kept for the store-load benchmark's side-by-side comparison.
    /// </summary>
    internal bool LoadBundles { get; set; } = true;

    /// <summary>
    /// Whether NDJSON lines go through <see cref="Serialization.FhirJson.Parse(ReadOnlySpan{byte}, string?)"/>, which reads
    /// Observations of the common shape itself (the default), rather than Firely's strict parser for every line; the same
    /// resources either way. Kept for the store-load benchmark's side-by-side comparison.
    /// </summary>
    internal bool DirectObservations { get; set; } = true;

    /// <summary>
    /// How many resources of consecutive Bundle files, at most, go into the embedded store in one transaction when every
    /// entry of theirs is planned (Synthea's folder: the providers' batches and a transaction per patient). Should it
    /// fail, nothing of it is stored and each file is written on its own, all-or-nothing (a batch entry by entry), so
    /// the outcome and errors are each file's own. 0 writes every file on its own; kept for the benchmark's comparison.
    /// </summary>
    internal int GroupResources { get; set; } = 100_000;
}
