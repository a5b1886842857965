namespace ClinicalAgent.Agent.Models;

/// <summary>
/// A small deterministic PRNG (SplitMix64). Our own rather than <see cref="Random"/> so a seed gives the
/// same weights on every .NET version.
/// </summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [-1, 1).</summary>
    public float NextSigned() => (float)((Next() >> 40) / (double)(1UL << 24) * 2.0 - 1.0);
}
