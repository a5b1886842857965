using ClinicalAgent.Fhir.Storage;

namespace ClinicalAgent.Fhir;

/// <summary>
/// The ordered feed of the versions a store writes, for triggers that must see each change once. The embedded store
/// keeps it in the same transaction as the version (exact, gap-free sequences); a remote server's feed is read by
/// polling <c>_lastUpdated</c> (<see cref="Remote.RemoteChangeFeed"/>), whose sequences are times and may repeat a
/// change, so a consumer de-duplicates by type, id and version.
/// </summary>
public interface IFhirChangeFeed
{
    /// <summary>Raised after a commit in this process that added changes; writes from other processes show at the next poll.</summary>
    event EventHandler? Changed;

    /// <summary>
    /// Names the feed's source in a consumer's cursor, so a cursor kept for one source never positions another: empty
    /// for the embedded store, the base URL for a remote server.
    /// </summary>
    string CursorScope => "";

    /// <summary>
    /// Changes after <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/> (a remote feed may
    /// return a few more that share the last one's time). <paramref name="types"/> limits the types a feed must read;
    /// it may still return others.
    /// </summary>
    Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(
        long afterSequence, int max = 500, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default);

    /// <summary>The sequence number of the newest change of <paramref name="types"/> (all types when null; 0 when there is none).</summary>
    Task<long> LatestChangeSequenceAsync(IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default);
}
