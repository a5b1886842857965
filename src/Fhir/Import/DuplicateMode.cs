namespace ClinicalAgent.Fhir.Import;

/// <summary>What an import does with a resource the store (or an earlier file of the import) already holds.</summary>
public enum DuplicateMode
{
    /// <summary>Writes it as a new version of the one already held; references to it point there.</summary>
    Update,

    /// <summary>Leaves the one already held as it is; references to the imported one point there.</summary>
    Skip,

    /// <summary>Stores it again as a new resource with a new id.</summary>
    Create,
}
