using ClinicalAgent.Bench.Hosting;

namespace ClinicalAgent.Bench.Explain;

/// <summary>What one <c>explain</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">The agent's GGUF; null writes the tiny random-weight test model to a temporary folder.</param>
/// <param name="Patients">Synthetic patients in the temporary store.</param>
/// <param name="PerCategory">Generated tasks per category (categories 1–10).</param>
/// <param name="Budget">Replays per failed task.</param>
/// <param name="MaxTasks">Failed tasks explained per agent.</param>
/// <param name="MaxSteps">The model agent's most model calls per task.</param>
/// <param name="MaxTokens">Most generated tokens per model call.</param>
/// <param name="Context">Context window in tokens.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record ExplainBenchOptions(string? ModelPath = null, int Patients = 20, int PerCategory = 1, int Budget = 3, int MaxTasks = 6, int MaxSteps = 3,
    int MaxTokens = 48, int Context = 8192, string? OutputPath = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench explain [--model PATH] [--patients 20] [--per-category 1] [--budget 3] [--max-tasks 6] [--max-steps 3]
               [--max-tokens 48] [--threads N] [--seed 7] [--context 8192] [--out FILE]
        """;

    /// <summary>CPU threads for llama.cpp and the patients' seed.</summary>
    public BenchHostOptions Host { get; init; } = new();

    /// <summary>Reads <c>explain [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ExplainBenchOptions options, out string error)
    {
        options = new ExplainBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => options with { ModelPath = value },
            "--patients" => BenchArguments.Positive(value) is { } p ? options with { Patients = p } : null,
            "--per-category" => BenchArguments.Positive(value) is { } c ? options with { PerCategory = c } : null,
            "--budget" => BenchArguments.Positive(value) is { } b ? options with { Budget = b } : null,
            "--max-tasks" => BenchArguments.Positive(value) is { } m ? options with { MaxTasks = m } : null,
            "--max-steps" => BenchArguments.Positive(value) is { } s ? options with { MaxSteps = s } : null,
            "--max-tokens" => BenchArguments.Positive(value) is { } k ? options with { MaxTokens = k } : null,
            "--context" => BenchArguments.Positive(value) is { } x ? options with { Context = x } : null,
            "--out" => options with { OutputPath = value },
            _ => options.Host.Apply(name, value) is { } host ? options with { Host = host } : null,
        }, out error);
    }
}
