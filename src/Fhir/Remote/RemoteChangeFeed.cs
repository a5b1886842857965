using System.Globalization;
using ClinicalAgent.Fhir.Search;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>
/// A remote server's changes, read by polling: per watched type, <c>_lastUpdated=ge…&amp;_sort=_lastUpdated</c> from
/// the consumer's high-water mark less <see cref="Overlap"/>, so a write committed late with an earlier timestamp
/// (a long transaction) is still seen. A change's sequence is its <c>meta.lastUpdated</c> in Unix milliseconds: the
/// same change comes back while it is inside the overlap, and the consumer de-duplicates by type, id and version
/// (the workflow trigger's key). Deletions are not reported; servers without <c>meta.versionId</c> report version 0.
/// </summary>
public sealed class RemoteChangeFeed(IFhirGateway gateway, Uri baseUrl) : IFhirChangeFeed
{
    /// <summary>How far before the high-water mark each poll reads again.</summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromSeconds(10);

    /// <summary>How many times the batch size of changes one poll reads inside the overlap, or inside one millisecond.</summary>
    public const int OverlapLimit = 10;

    private const int PageSize = 200;

    /// <summary>Never raised: a remote server's writes show at the next poll (or through a Subscription rest-hook).</summary>
    public event EventHandler? Changed
    {
        add { }
        remove { }
    }

    /// <inheritdoc/>
    public string CursorScope => baseUrl.AbsoluteUri;

    /// <inheritdoc/>
    /// <remarks>
    /// The changes inside the overlap (at or before <paramref name="afterSequence"/>) come back in addition to up to
    /// <paramref name="max"/> newer ones, so a poll always moves on, however many the overlap holds (up to
    /// <see cref="OverlapLimit"/> times <paramref name="max"/>; past that, a bulk load's late commits are not looked for).
    /// </remarks>
    public async Task<IReadOnlyList<ResourceChange>> ReadChangesAsync(
        long afterSequence, int max = 500, IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var since = DateTimeOffset.FromUnixTimeMilliseconds(Math.Max(0, afterSequence - (long)Overlap.TotalMilliseconds));
        var changes = new List<ResourceChange>();
        foreach (var type in TypesOf(types))
        {
            changes.AddRange(await ReadTypeAsync(type, since, afterSequence, max, cancellationToken).ConfigureAwait(false));
        }

        // Each type's first newer changes in time order, merged: the first max of the merge are the first max overall.
        var ordered = changes.OrderBy(c => c.Sequence).ThenBy(c => c.Type, StringComparer.Ordinal).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        var newer = ordered.Where(c => c.Sequence > afterSequence).ToList();
        if (newer.Count <= max)
        {
            return ordered;
        }

        // Never cut between changes of one millisecond: the next poll starts at that time and would skip the rest.
        var last = newer[max - 1].Sequence;
        return [.. ordered.Where(c => c.Sequence <= last)];
    }

    /// <inheritdoc/>
    public async Task<long> LatestChangeSequenceAsync(IReadOnlyCollection<string>? types = null, CancellationToken cancellationToken = default)
    {
        long latest = 0;
        foreach (var type in TypesOf(types))
        {
            var page = await gateway.SearchAsync(type, new SearchQuery([new("_sort", "-_lastUpdated"), new("_count", "1")]), cancellationToken)
                .ConfigureAwait(false);
            var newest = page.Entry.Select(e => e.Resource?.Meta?.LastUpdated).FirstOrDefault(t => t is not null);
            latest = Math.Max(latest, newest?.ToUnixTimeMilliseconds() ?? 0);
        }

        return latest;
    }

    private async Task<List<ResourceChange>> ReadTypeAsync(
        string type, DateTimeOffset since, long afterSequence, int max, CancellationToken cancellationToken)
    {
        var query = new SearchQuery(
        [
            new("_lastUpdated", "ge" + since.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)),
            new("_sort", "_lastUpdated"),
            new("_count", PageSize.ToString(CultureInfo.InvariantCulture)),
        ]);
        var changes = new List<ResourceChange>();
        var newer = new List<long>();
        var page = await gateway.SearchAsync(type, query, cancellationToken).ConfigureAwait(false);
        while (page is not null)
        {
            foreach (var resource in page.Entry.Where(e => e.Search?.Mode is null or Bundle.SearchEntryMode.Match).Select(e => e.Resource))
            {
                if (resource is { Id: { } id, Meta.LastUpdated: { } updated } && resource.TypeName == type)
                {
                    var version = int.TryParse(resource.Meta.VersionId, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
                    var change = new ResourceChange(updated.ToUnixTimeMilliseconds(), type, id, version, updated);
                    changes.Add(change);
                    if (change.Sequence > afterSequence)
                    {
                        newer.Add(change.Sequence);
                    }
                }
            }

            // Read on past max while the last page ends inside one millisecond (a transaction's resources share it).
            var enough = newer.Count >= max && newer[^1] != newer[max - 1];
            if (enough || newer.Count > OverlapLimit * max || changes.Count - newer.Count > OverlapLimit * max)
            {
                break;
            }

            page = await gateway.NextPageAsync(page, cancellationToken).ConfigureAwait(false);
        }

        return changes;
    }

    private static IReadOnlyCollection<string> TypesOf(IReadOnlyCollection<string>? types) =>
        types is { Count: > 0 } ? types : throw new ArgumentException("A remote server's change feed is read per type: name the types to watch.");
}
