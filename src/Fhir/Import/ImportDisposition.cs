namespace ClinicalAgent.Fhir.Import;

/// <summary>What the import does with one resource of a file.</summary>
internal enum ImportDisposition
{
    /// <summary>Stored as a new resource at the planned id.</summary>
    Create,

    /// <summary>Written as a new version of the planned (existing) resource.</summary>
    Update,

    /// <summary>Not written: the store holds it already; references to it point there.</summary>
    Skip,

    /// <summary>Sent as written (a GET, a conditional update, a condition the plan cannot answer): the store decides.</summary>
    Pass,

    /// <summary>Not a resource to write (an entry without one, a search outcome).</summary>
    Ignore,
}
