using System.Globalization;
using ClinicalAgent.Bench.Hosting;

namespace ClinicalAgent.Bench.ColdStart;

/// <summary>
/// The <c>cold-start</c> table: per binary and setting, the range of each measure over the rounds, and the best import and
/// search beside the first row's best.
/// </summary>
internal static class ColdStartReport
{
    public static MarkdownTable Table(IReadOnlyList<ColdStartCase> cases, int resources, int rounds)
    {
        var table = new MarkdownTable().Left("binary").Left("setting")
            .Right($"`fhir import`, wall s ({rounds} round{(rounds == 1 ? "" : "s")})").Right("CPU s").Right("resources/s (best)").Right("vs first")
            .Right("`fhir search`, wall s").Right("vs first");
        var firstImport = cases[0].Imports.Min(r => r.WallSeconds);
        var firstSearch = cases[0].Searches.Min(r => r.WallSeconds);
        foreach (var run in cases)
        {
            var bestImport = run.Imports.Min(r => r.WallSeconds);
            var bestSearch = run.Searches.Min(r => r.WallSeconds);
            table.Row($"{run.Cli}", $"{run.Setting}", $"{Range(run.Imports.Select(r => (double?)r.WallSeconds))}",
                $"{Range(run.Imports.Select(r => r.CpuSeconds))}", $"{resources / bestImport:N0}", $"{firstImport / bestImport:F2}×",
                $"{Range(run.Searches.Select(r => (double?)r.WallSeconds))}", $"{firstSearch / bestSearch:F2}×");
        }

        return table;
    }

    /// <summary>"min–max" in seconds to two decimals, one figure when they are equal, "n/a" when any is unknown.</summary>
    public static string Range(IEnumerable<double?> seconds)
    {
        var values = seconds.ToList();
        if (values.Count == 0 || values.Any(v => v is null))
            return "n/a";
        var low = values.Min()!.Value.ToString("F2", CultureInfo.InvariantCulture);
        var high = values.Max()!.Value.ToString("F2", CultureInfo.InvariantCulture);
        return low == high ? low : $"{low}–{high}";
    }
}
