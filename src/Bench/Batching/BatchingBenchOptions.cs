using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;
using ClinicalAgent.Agent.Runtime.Local;

namespace ClinicalAgent.Bench.Batching;

/// <summary>What one <c>batching</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">The GGUF model; null writes the synthetic Gemma 3 270M (Q8_0) to a temporary folder.</param>
/// <param name="TokenizerPath">Gemma 3's tokenizer.json for the synthetic model; null finds the one <c>npm ci</c> installs in tests/js.</param>
/// <param name="Concurrency">The concurrency levels to compare, side by side.</param>
/// <param name="Tasks">Agent-like tasks per level.</param>
/// <param name="Turns">Model calls per task: each appends the reply and a tool result, as the agent loop does.</param>
/// <param name="Threads">CPU threads for llama.cpp; 0 for about half the logical cores.</param>
/// <param name="BatchThreads">CPU threads for a decode of several tokens; 0 for <paramref name="Threads"/>.</param>
/// <param name="Context">Context window in tokens, shared by the conversations in flight.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
/// <param name="Type">The synthetic model's weight type (Q8_0 or F16); ignored with <c>--model</c>.</param>
/// <param name="DecodeProbe">Repeats per cell of the raw decode probe (<see cref="DecodeProbe"/>); 0 runs the tasks instead.</param>
/// <param name="GrammarMasks">How the grammar masks the whole vocabulary, each measured at every level, alternating;
/// null for the product's default (by levels).</param>
internal sealed record BatchingBenchOptions(
    string? ModelPath = null,
    string? TokenizerPath = null,
    IReadOnlyList<int>? Concurrency = null,
    int Tasks = 8,
    int Turns = 3,
    int Threads = 0,
    int BatchThreads = 0,
    int Context = 8192,
    string? OutputPath = null,
    int DecodeProbe = 0,
    GgmlType Type = GgmlType.Q8_0,
    IReadOnlyList<GrammarMaskMode>? GrammarMasks = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench batching [--model PATH] [--tokenizer PATH] [--concurrency 1,2,4] [--tasks 8] [--turns 3]
                                            [--threads N] [--batch-threads N] [--context 8192] [--out FILE]
                                            [--type q8_0|f16] [--decode-probe REPEATS] [--grammar-mask levels|full|both]
        """;

    /// <summary>The concurrency levels in effect (default 1, 2 and 4).</summary>
    public IReadOnlyList<int> Levels => Concurrency ?? [1, 2, 4];

    /// <summary>The grammar masks in effect (default: by levels only).</summary>
    public IReadOnlyList<GrammarMaskMode> Masks => GrammarMasks ?? [GrammarMaskMode.Levels];

    /// <summary>Threads in effect: the option, else about half the logical cores.</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Reads <c>batching [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out BatchingBenchOptions options, out string error)
    {
        options = new BatchingBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => options with { ModelPath = value },
            "--tokenizer" => options with { TokenizerPath = value },
            "--concurrency" => ParseLevels(value) is { } l ? options with { Concurrency = l } : null,
            "--tasks" => BenchArguments.Positive(value) is { } t ? options with { Tasks = t } : null,
            "--turns" => BenchArguments.Positive(value) is { } n ? options with { Turns = n } : null,
            "--threads" => BenchArguments.Positive(value) is { } h ? options with { Threads = h } : null,
            "--batch-threads" => BenchArguments.Positive(value) is { } b ? options with { BatchThreads = b } : null,
            "--context" => BenchArguments.Positive(value) is { } x ? options with { Context = x } : null,
            "--out" => options with { OutputPath = value },
            "--type" => Enum.TryParse<GgmlType>(value, ignoreCase: true, out var type) && SyntheticGemmaModel.Types.Contains(type) ? options with { Type = type } : null,
            "--grammar-mask" => value switch
            {
                "levels" => options with { GrammarMasks = [GrammarMaskMode.Levels] },
                "full" => options with { GrammarMasks = [GrammarMaskMode.Full] },
                "both" => options with { GrammarMasks = [GrammarMaskMode.Full, GrammarMaskMode.Levels] },
                _ => null,
            },
            "--decode-probe" => BenchArguments.Positive(value) is { } p ? options with { DecodeProbe = p } : null,
            _ => null,
        }, out error);
    }

    private static int[]? ParseLevels(string value)
    {
        var levels = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(BenchArguments.Positive).ToList();
        return levels.Count > 0 && levels.All(l => l is not null) ? [.. levels.Select(l => l!.Value)] : null;
    }
}
