namespace ClinicalAgent.Bench.Store;

/// <summary>What seeding the store took and left behind.</summary>
/// <param name="Resources">Resources stored (as <c>LoadAsync</c> reports).</param>
/// <param name="ByType">Current resources per type, from the store.</param>
/// <param name="Generation">Generating the resources alone (a first pass that keeps nothing).</param>
/// <param name="Load">The <c>LoadAsync</c> call, which streams from a fresh generator and so includes generation once more.</param>
/// <param name="DatabaseBytes">The SQLite file after a WAL checkpoint.</param>
/// <param name="PeakWorkingSetAfterLoad">The process's peak working set once loaded.</param>
public sealed record LoadFigures(
    long Resources,
    IReadOnlyDictionary<string, long> ByType,
    TimeSpan Generation,
    TimeSpan Load,
    long DatabaseBytes,
    long PeakWorkingSetAfterLoad)
{
    /// <summary>Load time with the generation share taken out: the store's own cost.</summary>
    public TimeSpan StoreOnly => Load > Generation ? Load - Generation : TimeSpan.Zero;

    public double PerSecond(TimeSpan time) => time > TimeSpan.Zero ? Resources / time.TotalSeconds : double.NaN;
}
