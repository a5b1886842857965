namespace ClinicalAgent.Bench.Remote;

/// <summary>What one <c>remote</c> benchmark run measures, from its command line.</summary>
/// <param name="Patients">Synthetic patients in the served store.</param>
/// <param name="Repeats">Timed calls of each tool call per gateway.</param>
/// <param name="Seconds">How long writes go on at each rate for the trigger lag.</param>
/// <param name="PollMs">The remote trigger's poll interval (<c>Workflows:RemotePollInterval</c>).</param>
internal sealed record RemoteBenchOptions(int Patients = 10, int Repeats = 20, int Seconds = 10, int PollMs = 1000)
{
    public const string Usage = "usage: ClinicalAgent.Bench remote [--patients 10] [--repeats 20] [--seconds 10] [--poll-ms 1000]";

    /// <summary>Reads <c>remote [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RemoteBenchOptions options, out string error)
    {
        options = new RemoteBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => (name, BenchArguments.Positive(value)) switch
        {
            (_, null) => null,
            ("--patients", { } n) => options with { Patients = n },
            ("--repeats", { } n) => options with { Repeats = n },
            ("--seconds", { } n) => options with { Seconds = n },
            ("--poll-ms", { } n) => options with { PollMs = n },
            _ => null,
        }, out error);
    }
}
