using ClinicalAgent.Bench.Hosting;

namespace ClinicalAgent.Bench.Judge;

/// <summary>What one <c>judge</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">The judge's GGUF; null writes the tiny random-weight test model to a temporary folder.</param>
/// <param name="Patients">Synthetic patients in the temporary store.</param>
/// <param name="Pairs">Free-text questions, each judged as one pair (oracle run against do-nothing run).</param>
/// <param name="Context">Context window in tokens.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record JudgeBenchOptions(string? ModelPath = null, int Patients = 20, int Pairs = 6, int Context = 4096, string? OutputPath = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench judge [--model PATH] [--patients 20] [--pairs 6] [--threads N] [--seed 7] [--context 4096] [--out FILE]
        """;

    /// <summary>CPU threads for llama.cpp and the patients' seed.</summary>
    public BenchHostOptions Host { get; init; } = new();

    /// <summary>Reads <c>judge [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out JudgeBenchOptions options, out string error)
    {
        options = new JudgeBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => options with { ModelPath = value },
            "--patients" => BenchArguments.Positive(value) is { } p ? options with { Patients = p } : null,
            "--pairs" => BenchArguments.Positive(value) is { } n ? options with { Pairs = n } : null,
            "--context" => BenchArguments.Positive(value) is { } x ? options with { Context = x } : null,
            "--out" => options with { OutputPath = value },
            _ => options.Host.Apply(name, value) is { } host ? options with { Host = host } : null,
        }, out error);
    }
}
