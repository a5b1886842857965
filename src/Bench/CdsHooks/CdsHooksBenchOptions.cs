namespace ClinicalAgent.Bench.CdsHooks;

/// <summary>What one <c>cds-hooks</c> benchmark run measures, from its command line.</summary>
/// <param name="Patients">Synthetic patients in the store.</param>
/// <param name="Calls">Timed invocations per variant (after a warm-up of a tenth as many), split over <paramref name="Rounds"/>.</param>
/// <param name="Rounds">How many times the variants take turns, so drift falls on each alike.</param>
internal sealed record CdsHooksBenchOptions(int Patients = 100, int Calls = 400, int Rounds = 4)
{
    public const string Usage = "usage: ClinicalAgent.Bench cds-hooks [--patients 100] [--calls 400] [--rounds 4]";

    /// <summary>Reads <c>cds-hooks [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out CdsHooksBenchOptions options, out string error)
    {
        options = new CdsHooksBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => (name, BenchArguments.Positive(value)) switch
        {
            (_, null) => null,
            ("--patients", { } n) => options with { Patients = n },
            ("--calls", { } n) => options with { Calls = n },
            ("--rounds", { } n) => options with { Rounds = n },
            _ => null,
        }, out error);
    }
}
