using System.Globalization;
using System.Text;

namespace ClinicalAgent.Bench.Store;

/// <summary>Renders the benchmark's figures as Markdown, ready to paste into a closing note.</summary>
public sealed class MarkdownReport(
    BenchOptions options,
    MachineFacts machine,
    LoadFigures load,
    IReadOnlyList<CaseResult> results,
    IReadOnlyList<(string Key, IReadOnlyList<string> Plan)> plans,
    string firstSql,
    long peakWorkingSet)
{
    /// <summary>The goal the indexed medians are held to: under 2 ms at 300k+ resources on a 2-core machine.</summary>
    public const double GoalMilliseconds = 2.0;

    public const long GoalResources = 300_000;

    private const int TopTypes = 8;

    private readonly StringBuilder _sb = new();

    public string Render()
    {
        _sb.Clear();
        Line("## Store benchmark");
        Line();
        Line($"`dotnet run -c Release --project src/Bench -- store --patients {options.Patients} --seed {options.Seed} --now {options.EffectiveNow:yyyy-MM-ddTHH:mm:ssZ} --queries {options.Queries}` ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Line();
        Line("| Machine | |");
        Line("|---|---|");
        Line($"| Cores | {machine.Cores} ({machine.Cpu}) |");
        Line($"| OS | {machine.Os} ({machine.Architecture}) |");
        Line($"| .NET | {machine.Runtime} |");
        Line($"| SQLite | {machine.Sqlite} |");
        Line();
        RenderLoad();
        RenderLatency();
        RenderPlans();
        return _sb.ToString();
    }

    private void RenderLoad()
    {
        Line("| Data set | |");
        Line("|---|---|");
        Line($"| Patients / seed / now | {options.Patients:N0} / {options.Seed} / {options.EffectiveNow:yyyy-MM-ddTHH:mm:ssZ} |");
        Line($"| Resources | {load.Resources:N0} |");
        var top = load.ByType.OrderByDescending(t => t.Value).ToList();
        var shown = string.Join(", ", top.Take(TopTypes).Select(t => $"{t.Key} {t.Value:N0}"));
        var rest = top.Skip(TopTypes).Sum(t => t.Value);
        Line($"| By type | {shown}{(rest > 0 ? $", {top.Count - TopTypes} other types {rest:N0}" : "")} |");
        Line($"| Generation alone | {Seconds(load.Generation)} s ({load.PerSecond(load.Generation):N0} resources/s) |");
        Line($"| `LoadAsync` (streams from the generator) | {Seconds(load.Load)} s ({load.PerSecond(load.Load):N0} resources/s) |");
        Line($"| Load minus generation (store's own cost) | {Seconds(load.StoreOnly)} s ({load.PerSecond(load.StoreOnly):N0} resources/s) |");
        Line($"| Database size | {load.DatabaseBytes / 1048576.0:F1} MB ({load.DatabaseBytes / (double)load.Resources:F0} bytes/resource) |");
        Line($"| Peak working set | {peakWorkingSet / 1048576.0:F0} MB (after load: {load.PeakWorkingSetAfterLoad / 1048576.0:F0} MB) |");
        Line();
    }

    private void RenderLatency()
    {
        var atScale = load.Resources >= GoalResources;
        Line($"Search latency in ms: {options.Queries} timed searches per shape after {options.Warmup} warm-up ones; naive: {options.NaiveIterations} full scans. "
            + $"Goal: indexed p50 < {GoalMilliseconds:F0} ms at ≥ {GoalResources / 1000:N0}k resources on 2 cores "
            + $"(this run: {load.Resources:N0} resources{(atScale ? "" : ", below the goal's scale")}, {machine.Cores} cores).");
        Line();
        Line("| Query | p50 | p95 | p99 | mean | goal | SQL only p50 | naive p50 | naive / indexed | empty | naive agrees |");
        Line("|---|---:|---:|---:|---:|:---:|---:|---:|---:|---:|:---:|");
        foreach (var r in results)
        {
            var goal = r.Indexed.P50 < GoalMilliseconds ? "PASS" : "MISS";
            var agrees = r.NaiveAgrees switch { true => "yes", false => "**no**", null => "–" };
            Line($"| ({r.Case.Key}) {r.Case.Title} | {Ms(r.Indexed.P50)} | {Ms(r.Indexed.P95)} | {Ms(r.Indexed.P99)} | {Ms(r.Indexed.Mean)} | {goal} "
                + $"| {Ms(r.SqlOnly.P50)} | {Ms(r.Naive.P50)} | {Ratio(r.Speedup)} | {r.EmptyResults} | {agrees} |");
        }

        Line();
        Line("Example of each shape (the first of its seeded sample):");
        Line();
        foreach (var r in results)
        {
            Line($"- ({r.Case.Key}) `{r.Example}`");
        }

        Line();
    }

    private void RenderPlans()
    {
        Line("EXPLAIN QUERY PLAN of each shape's example, as the store builds it. The SQL of (a):");
        Line();
        Line("```sql");
        Line(firstSql);
        Line("```");
        Line();
        Line("```text");
        foreach (var (key, plan) in plans)
        {
            Line($"({key})");
            foreach (var step in plan)
            {
                Line("  " + step);
            }
        }

        Line("```");
    }

    private void Line(string text = "") => _sb.Append(text).Append('\n');

    private static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString("F3", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString("N0", CultureInfo.InvariantCulture) + "×";

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
}
