using ClinicalAgent.Bench.Hosting;

namespace ClinicalAgent.Bench.Runtime;

/// <summary>What one <c>runtime</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">The GGUF model; null writes the tiny random-weight test model to a temporary folder.</param>
/// <param name="Replies">Sampled tool-call replies checked for parse failures.</param>
/// <param name="Turns">Turns of the tool loop.</param>
/// <param name="Repeats">Timed repeats of the client-vs-raw decoding comparison.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record RuntimeBenchOptions(
    string? ModelPath = null,
    int Replies = 1000,
    int Turns = 8,
    int Repeats = 5,
    string? OutputPath = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench runtime [--model PATH] [--threads N] [--replies 1000] [--turns 8] [--repeats 5] [--out FILE]
        """;

    /// <summary>CPU threads for llama.cpp (no store is seeded here, so no <c>--seed</c>).</summary>
    public BenchHostOptions Host { get; init; } = new();

    /// <summary>Reads <c>runtime [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out RuntimeBenchOptions options, out string error)
    {
        options = new RuntimeBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => options with { ModelPath = value },
            "--replies" => BenchArguments.Positive(value) is { } r ? options with { Replies = r } : null,
            "--turns" => BenchArguments.Positive(value) is { } n ? options with { Turns = n } : null,
            "--repeats" => BenchArguments.Positive(value) is { } p ? options with { Repeats = p } : null,
            "--out" => options with { OutputPath = value },
            _ => options.Host.Apply(name, value, seeds: false) is { } host ? options with { Host = host } : null,
        }, out error);
    }
}
