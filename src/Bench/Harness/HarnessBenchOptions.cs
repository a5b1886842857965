using ClinicalAgent.Bench.Hosting;

namespace ClinicalAgent.Bench.Harness;

/// <summary>What one <c>harness</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">The GGUF model; null writes the tiny random-weight test model to a temporary folder.</param>
/// <param name="Patients">Synthetic patients in the temporary store the tasks are built over.</param>
/// <param name="PerCategory">Tasks per category (ten categories).</param>
/// <param name="Concurrency">The concurrency levels to compare, e.g. 1 and 4.</param>
/// <param name="MaxSteps">Model calls per task.</param>
/// <param name="MaxTokens">Output tokens per model call.</param>
/// <param name="Context">Context window in tokens.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record HarnessBenchOptions(
    string? ModelPath = null,
    int Patients = 20,
    int PerCategory = 2,
    IReadOnlyList<int>? Concurrency = null,
    int MaxSteps = 3,
    int MaxTokens = 256,
    int Context = 16384,
    string? OutputPath = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench harness [--model PATH] [--patients 20] [--per-category 2] [--concurrency 1,4] [--threads N] [--seed 7]
                                           [--max-steps 3] [--max-tokens 256] [--context 16384] [--out FILE]
        """;

    /// <summary>The concurrency levels in effect (default 1 and 4).</summary>
    public IReadOnlyList<int> Levels => Concurrency ?? [1, 4];

    /// <summary>CPU threads for llama.cpp and the patients' seed.</summary>
    public BenchHostOptions Host { get; init; } = new();

    /// <summary>Reads <c>harness [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out HarnessBenchOptions options, out string error)
    {
        options = new HarnessBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => options with { ModelPath = value },
            "--patients" => BenchArguments.Positive(value) is { } p ? options with { Patients = p } : null,
            "--per-category" => BenchArguments.Positive(value) is { } c ? options with { PerCategory = c } : null,
            "--concurrency" => ParseLevels(value) is { } l ? options with { Concurrency = l } : null,
            "--max-steps" => BenchArguments.Positive(value) is { } s ? options with { MaxSteps = s } : null,
            "--max-tokens" => BenchArguments.Positive(value) is { } m ? options with { MaxTokens = m } : null,
            "--context" => BenchArguments.Positive(value) is { } x ? options with { Context = x } : null,
            "--out" => options with { OutputPath = value },
            _ => options.Host.Apply(name, value) is { } host ? options with { Host = host } : null,
        }, out error);
    }

    private static int[]? ParseLevels(string value)
    {
        var levels = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(BenchArguments.Positive).ToList();
        return levels.Count > 0 && levels.All(l => l is not null) ? [.. levels.Select(l => l!.Value)] : null;
    }
}
