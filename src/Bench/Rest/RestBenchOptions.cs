namespace ClinicalAgent.Bench.Rest;

/// <summary>What one <c>rest</c> benchmark run measures, from its command line.</summary>
/// <param name="Patients">Synthetic patients in the served store.</param>
/// <param name="Seconds">Load time per query and server variant, split over <paramref name="Rounds"/>.</param>
/// <param name="Concurrency">Requests in flight at once (closed loop: each client sends its next when its last is answered).</param>
/// <param name="Rounds">How many times the variants take turns, so drift (caches, other load) falls on each alike.</param>
internal sealed record RestBenchOptions(int Patients = 100, int Seconds = 6, int Concurrency = 4, int Rounds = 3)
{
    public const string Usage = "usage: ClinicalAgent.Bench rest [--patients 100] [--seconds 6] [--concurrency 4] [--rounds 3]";

    /// <summary>Reads <c>rest [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RestBenchOptions options, out string error)
    {
        options = new RestBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => (name, BenchArguments.Positive(value)) switch
        {
            (_, null) => null,
            ("--patients", { } n) => options with { Patients = n },
            ("--seconds", { } n) => options with { Seconds = n },
            ("--concurrency", { } n) => options with { Concurrency = n },
            ("--rounds", { } n) => options with { Rounds = n },
            _ => null,
        }, out error);
    }
}
