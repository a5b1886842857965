namespace ClinicalAgent.Fhir.Synthetic;

/// <summary>
/// SplitMix64: tiny, fast and identical on every platform and runtime, which System.Random does not promise.
/// Only integer and IEEE arithmetic is used (no Math.Log or Math.Cos) so results never depend on a C runtime.
/// </summary>
internal sealed class SyntheticRandom(ulong seed)
{
    private ulong _state = seed;

    /// <summary>An independent stream per (seed, stream), so each patient's record does not depend on the others.</summary>
    public static SyntheticRandom For(int seed, long stream) =>
        new(Mix(Mix((ulong)(uint)seed) ^ (ulong)stream * 0xD1B54A32D192ED03UL));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform in [min, max). The modulo bias is far below anything a synthetic record could show.</summary>
    public int Next(int minInclusive, int maxExclusive) =>
        minInclusive + (int)(NextUInt64() % (ulong)(maxExclusive - minInclusive));

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count)];

    /// <summary>Uniform in [min, max], rounded to <paramref name="decimals"/> places.</summary>
    public decimal Between(decimal min, decimal max, int decimals) =>
        Math.Round(min + (max - min) * (decimal)NextDouble(), decimals, MidpointRounding.AwayFromZero);

    /// <summary>Roughly normal around <paramref name="mean"/> (Irwin-Hall of four uniforms, so tails are bounded at ±2·sd·√3).</summary>
    public decimal Around(decimal mean, decimal sd, int decimals)
    {
        var sum = NextDouble() + NextDouble() + NextDouble() + NextDouble() - 2.0;
        return Math.Round(mean + sd * (decimal)(sum * 1.7320508075688772), decimals, MidpointRounding.AwayFromZero);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
