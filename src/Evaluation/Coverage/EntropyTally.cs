namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// Visit counts per cell with their Shannon entropy kept up to date: with N visits and S = Σ n·ln n over the cells,
/// H = ln N − S / N (nats), so the gain of adding a candidate's visits costs only its own cells.
/// </summary>
internal sealed class EntropyTally
{
    private readonly Dictionary<CoverageCell, int> _counts = [];
    private double _sum;

    public int Visits { get; private set; }

    public int CountOf(CoverageCell cell) => _counts.GetValueOrDefault(cell);

    public double Entropy => Visits == 0 ? 0 : Math.Log(Visits) - (_sum / Visits);

    public void Add(IEnumerable<CoverageCell> cells)
    {
        foreach (var group in cells.GroupBy(c => c))
        {
            var before = CountOf(group.Key);
            var after = before + group.Count();
            _sum += NLogN(after) - NLogN(before);
            _counts[group.Key] = after;
            Visits += group.Count();
        }
    }

    /// <summary>The entropy after adding <paramref name="cells"/>, without adding them.</summary>
    public double EntropyWith(IReadOnlyList<CoverageCell> cells)
    {
        var sum = _sum;
        foreach (var group in cells.GroupBy(c => c))
        {
            var before = CountOf(group.Key);
            sum += NLogN(before + group.Count()) - NLogN(before);
        }

        var visits = Visits + cells.Count;
        return visits == 0 ? 0 : Math.Log(visits) - (sum / visits);
    }

    private static double NLogN(int n) => n <= 1 ? 0 : n * Math.Log(n);
}
