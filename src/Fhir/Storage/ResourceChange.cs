namespace ClinicalAgent.Fhir.Storage;

/// <summary>One entry of the store's change feed: a version of a resource that was created or updated.</summary>
/// <param name="Sequence">The position in the feed; strictly increasing in commit order.</param>
/// <param name="Type">The resource type.</param>
/// <param name="Id">The resource id.</param>
/// <param name="Version">The version written (1 for a create).</param>
/// <param name="LastUpdated">When it was written.</param>
public sealed record ResourceChange(long Sequence, string Type, string Id, int Version, DateTimeOffset LastUpdated)
{
    /// <summary>Whether this version created the resource.</summary>
    public bool Created => Version == 1;
}
