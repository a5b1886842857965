using System.Globalization;
using ClinicalAgent.Fhir.Search;

namespace ClinicalAgent.Fhir.Storage;

/// <summary>
/// The controls of a type or system history: <c>_since</c>, <c>_count</c>, and the paging state its links carry
/// (<c>_offset</c> with <c>_snapshot</c>, the newest change sequence when the first page was read, so versions
/// written later never shift a later page).
/// </summary>
internal sealed record HistoryPaging(string? SinceText, DateTimeOffset? Since, int Count, int Offset, long? Snapshot)
{
    public static HistoryPaging Parse(SearchQuery query, int defaultPageSize, int maxPageSize)
    {
        string? sinceText = null;
        DateTimeOffset? since = null;
        int count = defaultPageSize, offset = 0;
        long? snapshot = null;
        foreach (var (name, value) in query.Parameters)
        {
            switch (name)
            {
                case "_since":
                    sinceText = value;
                    since = Instant(value);
                    break;
                case "_count":
                    count = (int)Math.Clamp(Whole(name, value), 1, maxPageSize);
                    break;
                case "_offset":
                    offset = (int)Math.Min(Whole(name, value), int.MaxValue);
                    break;
                case SearchParameterRegistry.SnapshotParameter:
                    snapshot = Whole(name, value);
                    break;
                case "_format" or "_pretty":
                    break;
                default:
                    if (!query.Lenient)
                    {
                        throw FhirGatewayException.NotSupported($"History does not support '{name}'; it takes _since and _count.");
                    }

                    break;
            }
        }

        return new HistoryPaging(sinceText, since, count, offset, snapshot);
    }

    /// <summary>The query of a link to the page at <paramref name="offset"/> of the same snapshot.</summary>
    public SearchQuery Link(long snapshot, int offset)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (SinceText is not null)
        {
            pairs.Add(new("_since", SinceText));
        }

        pairs.Add(new("_count", Num(Count)));
        pairs.Add(new(SearchParameterRegistry.SnapshotParameter, Num(snapshot)));
        if (offset > 0)
        {
            pairs.Add(new("_offset", Num(offset)));
        }

        return new SearchQuery(pairs);
    }

    // FHIR's _since is an instant: a full date and time with a zone, so "since" means the same everywhere.
    private static DateTimeOffset Instant(string value)
    {
        if (value.Length >= 20 && value.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (value.EndsWith('Z') || value[^6] is '+' or '-'))
        {
            return instant;
        }

        throw FhirGatewayException.BadRequest($"_since must be an instant with a time zone, such as 2024-01-31T08:00:00Z, not '{value}'.");
    }

    private static long Whole(string name, string value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw FhirGatewayException.BadRequest($"{name} must be a whole number of zero or more, not '{value}'.");

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
