namespace ClinicalAgent.Imaging.Synthetic;

/// <summary>
/// SplitMix64 for procedural pixels: integer only, so the same seed gives the same bytes on every CPU and runtime
/// (System.Random promises neither).
/// </summary>
internal sealed class PixelRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [min, max).</summary>
    public int Next(int minInclusive, int maxExclusive) =>
        minInclusive + (int)(NextUInt64() % (ulong)(maxExclusive - minInclusive));

    public bool Chance(int percent) => Next(0, 100) < percent;
}
