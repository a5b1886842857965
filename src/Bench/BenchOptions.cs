using System.Globalization;

namespace ClinicalAgent.Bench;

/// <summary>What one <c>store</c> benchmark run measures, from its command line.</summary>
/// <param name="Patients">Synthetic patients to seed; each brings its whole record.</param>
/// <param name="Seed">Seeds the generator and the choice of query values, so two runs ask the same questions.</param>
/// <param name="Now">The data set's fixed "now".</param>
/// <param name="Queries">Timed indexed searches per query shape.</param>
/// <param name="Warmup">Untimed indexed searches per shape first, so JIT and page cache are warm.</param>
/// <param name="NaiveIterations">Timed naive scans per shape: each reads every row of the type, so few.</param>
/// <param name="DatabasePath">Where the fresh store goes; a temporary folder when null.</param>
/// <param name="Keep">Keeps the database after the run instead of deleting it.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
public sealed record BenchOptions(
    int Patients = 1000,
    int Seed = 42,
    DateTimeOffset? Now = null,
    int Queries = 500,
    int Warmup = 50,
    int NaiveIterations = 5,
    string? DatabasePath = null,
    bool Keep = false,
    string? OutputPath = null)
{
    /// <summary>MedAgentBench's "now", the generator's usual one.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2023, 11, 13, 10, 15, 0, TimeSpan.Zero);

    public const string Usage = """
        usage: ClinicalAgent.Bench store [--patients 1000] [--seed 42] [--now 2023-11-13T10:15:00Z] [--queries 500]
                                         [--warmup 50] [--naive 5] [--db PATH] [--keep] [--out FILE]
        """;

    /// <summary>The "now" in effect.</summary>
    public DateTimeOffset EffectiveNow => Now ?? DefaultNow;

    // Every benchmark Program.cs dispatches to, for the message that names them.
    private const string Benchmarks = "store, store-load, cold-start, rest, remote, workflows, workflow-nodes, cds-hooks, web, mcp, modelapi, telemetry, "
        + "dicom, runtime, vision, batching, prefix-cache, tokens, agent, harness, judge, explain";

    /// <summary>Reads <c>store [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out BenchOptions options, out string error)
    {
        options = new BenchOptions();
        error = "";
        if (args.Count == 0 || args[0] != "store")
        {
            error = args.Count == 0 ? $"Name a benchmark: {Benchmarks}." : $"Unknown benchmark '{args[0]}'; the ones there are: {Benchmarks}.";
            return false;
        }

        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--keep")
            {
                options = options with { Keep = true };
                continue;
            }

            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return false;
            }

            var value = args[++i];
            BenchOptions? next = name switch
            {
                "--patients" => Positive(value) is { } n ? options with { Patients = n } : null,
                "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out var seed) ? options with { Seed = seed } : null,
                "--now" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var now) ? options with { Now = now } : null,
                "--queries" => Positive(value) is { } q ? options with { Queries = q } : null,
                "--warmup" => NonNegative(value) is { } w ? options with { Warmup = w } : null,
                "--naive" => NonNegative(value) is { } v ? options with { NaiveIterations = v } : null,
                "--db" => options with { DatabasePath = value },
                "--out" => options with { OutputPath = value },
                _ => null,
            };
            if (next is null)
            {
                error = name.StartsWith("--", StringComparison.Ordinal) && Usage.Contains(name + " ", StringComparison.Ordinal)
                    ? $"Bad value '{value}' for {name}."
                    : $"Unknown option '{name}'.";
                return false;
            }

            options = next;
        }

        return true;
    }

    private static int? Positive(string text) => NonNegative(text) is > 0 and var n ? n : null;

    private static int? NonNegative(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
