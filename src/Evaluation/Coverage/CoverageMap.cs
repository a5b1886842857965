namespace ClinicalAgent.Evaluation.Coverage;

/// <summary>
/// Visits per cell over a coverage space: the designed cells (<see cref="CoverageSpace"/>) and any other cell visited.
/// <see cref="Entropy"/> is the Shannon entropy of the visits (nats); <see cref="NormalisedEntropy"/> divides it by
/// ln of the number of cells, so 1 means every cell visited equally often and 0 one cell only (or nothing).
/// </summary>
/// <param name="Cells">Every cell, the most visited first, then the empty ones in the space's order.</param>
/// <param name="Visits">Visits in all.</param>
/// <param name="Entropy">Entropy of the visits over the cells, in nats.</param>
/// <param name="NormalisedEntropy">Entropy over ln(cell count), in [0, 1].</param>
public sealed record CoverageMap(IReadOnlyList<CellVisits> Cells, int Visits, double Entropy, double NormalisedEntropy)
{
    /// <summary>Designed cells nobody visited, in the space's order.</summary>
    public IReadOnlyList<CoverageCell> Empty => [.. Cells.Where(c => c.Visits == 0).Select(c => c.Cell)];

    /// <summary>Visited cells outside the designed space.</summary>
    public int Outside => Cells.Count(c => !c.Designed);

    /// <summary>The map of <paramref name="visits"/> over <paramref name="space"/> (cells outside it are added).</summary>
    public static CoverageMap Measure(IEnumerable<CoverageCell> space, IEnumerable<CoverageCell> visits)
    {
        var designed = space.Distinct().ToList();
        var designedSet = designed.ToHashSet();
        var counts = visits.GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
        var order = designed.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        var cells = designed.Select(c => new CellVisits(c, counts.GetValueOrDefault(c), true))
            .Concat(counts.Keys.Where(c => !designedSet.Contains(c)).OrderBy(c => c.ToString(), StringComparer.Ordinal).Select(c => new CellVisits(c, counts[c], false)))
            .OrderByDescending(c => c.Visits)
            .ThenBy(c => order.TryGetValue(c.Cell, out var i) ? i : int.MaxValue)
            .ThenBy(c => c.Cell.ToString(), StringComparer.Ordinal)
            .ToList();
        var total = counts.Values.Sum();
        var entropy = total == 0 ? 0 : -counts.Values.Sum(n => (double)n / total * Math.Log((double)n / total));
        var normalised = cells.Count <= 1 ? 0 : entropy / Math.Log(cells.Count);
        return new CoverageMap(cells, total, entropy, normalised);
    }
}
