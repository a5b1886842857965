using System.Diagnostics;
using ClinicalAgent.Fhir.Storage;
using Hl7.Fhir.Model;

namespace ClinicalAgent.Bench.Store;

/// <summary>Times one query shape three ways: through the store's public search, as bare SQL, and as a naive scan.</summary>
public sealed class CaseMeasurer(IEmbeddedFhirStore store, IndexedSql sql, NaiveScan naive, BenchOptions options)
{
    public async Task<CaseResult> MeasureAsync(QueryCase queryCase)
    {
        for (var i = 0; i < options.Warmup; i++)
        {
            await store.SearchAsync(queryCase[i].ResourceType, queryCase[i].Search);
        }

        var indexed = new List<double>(options.Queries);
        var empty = 0;
        for (var i = 0; i < options.Queries; i++)
        {
            var query = queryCase[i];
            var start = Stopwatch.GetTimestamp();
            var bundle = await store.SearchAsync(query.ResourceType, query.Search);
            indexed.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            empty += bundle.Entry.Count == 0 ? 1 : 0;
        }

        var sqlOnly = new List<double>(options.Queries);
        for (var i = -Math.Min(options.Warmup, options.Queries); i < options.Queries; i++)
        {
            // The command is built outside the timing: this figure is SQLite's work and reading the rows, nothing else.
            using var command = sql.Command(queryCase[Math.Abs(i)]);
            var start = Stopwatch.GetTimestamp();
            sql.Execute(command);
            if (i >= 0)
            {
                sqlOnly.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }

        var (naiveTimes, agrees) = await MeasureNaiveAsync(queryCase);
        return new CaseResult(queryCase, LatencyStats.Of(indexed), LatencyStats.Of(sqlOnly), LatencyStats.Of(naiveTimes), empty, agrees,
            queryCase.Queries[0].ToString());
    }

    private async Task<(List<double> Times, bool? Agrees)> MeasureNaiveAsync(QueryCase queryCase)
    {
        var times = new List<double>();
        bool? agrees = null;
        for (var i = 0; i < options.NaiveIterations; i++)
        {
            var query = queryCase[i];
            var bundle = await store.SearchAsync(query.ResourceType, query.Search);
            var expected = bundle.Entry.Where(e => e.Search?.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource?.Id ?? "").ToList();
            var start = Stopwatch.GetTimestamp();
            var actual = naive.Run(query);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            var same = expected.SequenceEqual(actual, StringComparer.Ordinal);
            if (!same)
            {
                Console.Error.WriteLine($"  naive and indexed differ for {query}: indexed [{string.Join(",", expected)}] naive [{string.Join(",", actual)}]");
            }

            agrees = (agrees ?? true) && same;
        }

        return (times, agrees);
    }
}
