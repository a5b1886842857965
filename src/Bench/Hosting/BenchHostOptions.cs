using System.Globalization;

namespace ClinicalAgent.Bench.Hosting;

/// <summary>The options the model benchmarks share, read the same way in each.</summary>
/// <param name="Threads">CPU threads for llama.cpp; 0 for the mode's default.</param>
/// <param name="Seed">Seeds the synthetic patients of the temporary store.</param>
internal sealed record BenchHostOptions(int Threads = 0, int Seed = 7)
{
    /// <summary>Threads in effect: the option, else about half the logical cores (the physical ones).</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// Applies <c>--threads N</c>, or <c>--seed S</c> where the mode seeds a store (<paramref name="seeds"/>); null for
    /// another name or a bad value, as <see cref="BenchArguments.TryParse{T}"/> expects.
    /// </summary>
    public BenchHostOptions? Apply(string name, string value, bool seeds = true) => name switch
    {
        "--threads" => BenchArguments.Positive(value) is { } t ? this with { Threads = t } : null,
        "--seed" when seeds => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? this with { Seed = s } : null,
        _ => null,
    };
}
