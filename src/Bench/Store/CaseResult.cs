namespace ClinicalAgent.Bench.Store;

/// <summary>The figures for one query shape.</summary>
/// <param name="Case">The query shape measured.</param>
/// <param name="Indexed">Whole <c>SearchAsync</c> calls: parsing, SQL, Firely parsing of the page, the Bundle.</param>
/// <param name="SqlOnly">The same statement run directly, rows read but not parsed: the store's share of the time.</param>
/// <param name="Naive">Full scans of the type's JSON.</param>
/// <param name="EmptyResults">Indexed searches that found nothing (should be 0: every query is drawn from real data).</param>
/// <param name="NaiveAgrees">The naive page equals the indexed page, same ids in the same order, every time; null when no naive run.</param>
/// <param name="Example">The first concrete query of the shape.</param>
public sealed record CaseResult(
    QueryCase Case,
    LatencyStats Indexed,
    LatencyStats SqlOnly,
    LatencyStats Naive,
    int EmptyResults,
    bool? NaiveAgrees,
    string Example)
{
    /// <summary>How many times slower the naive scan is, by median.</summary>
    public double Speedup => Naive.P50 / Indexed.P50;
}
