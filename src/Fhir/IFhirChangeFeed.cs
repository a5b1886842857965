using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Fhir;

/// <summary>
/// The ordered feed of every version a store writes, for triggers that must see each change exactly once. The
/// embedded store keeps it in the same transaction as the version; a remote server has none (its triggers poll
/// or subscribe instead).
/// </summary>
public interface IFhirChangeFeed
{
    /// <summary>Raised after a commit in this process that added changes; writes from other processes show at the next poll.</summary>
    event EventHandler? Changed;

    /// <summary>Changes after <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(long afterSequence, int max = 500, CancellationToken cancellationToken = default);

    /// <summary>The sequence number of the newest change (0 when there is none).</summary>
    Task<long> LatestChangeSequenceAsync(CancellationToken cancellationToken = default);
}
