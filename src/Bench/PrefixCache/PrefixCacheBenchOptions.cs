using ClinicalAgent.Agent.Models;
using ClinicalAgent.Agent.Models.Synthetic;
using ClinicalAgent.Bench.Hosting;

namespace ClinicalAgent.Bench.PrefixCache;

/// <summary>What one <c>prefix-cache</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">An existing GGUF; null writes a random-weight model of <paramref name="Shape"/> to a temporary folder.</param>
/// <param name="Shape">The Gemma 3 shape of the written model (default 1b).</param>
/// <param name="Type">The written model's weight type: Q8_0 (default) or F16.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record PrefixCacheBenchOptions(string? ModelPath, GemmaShape Shape, GgmlType Type, string? OutputPath = null)
{
    public const string Usage = "usage: ClinicalAgent.Bench prefix-cache [--model GGUF] [--shape 270m|1b|4b] [--type q8_0|f16] [--threads N] [--out FILE]";

    /// <summary>CPU threads for llama.cpp: by default every logical core, as one <c>ask</c> process would take them.</summary>
    public BenchHostOptions Host { get; init; } = new(Threads: Math.Max(1, Environment.ProcessorCount));

    /// <summary>Reads <c>prefix-cache [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out PrefixCacheBenchOptions options, out string error)
    {
        options = new PrefixCacheBenchOptions(null, GemmaShape.Gemma3_1B, GgmlType.Q8_0);
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => File.Exists(value) ? options with { ModelPath = value } : null,
            "--shape" => GemmaShape.Published.FirstOrDefault(s => s.Name == value) is { } shape ? options with { Shape = shape } : null,
            "--type" => value switch { "q8_0" => options with { Type = GgmlType.Q8_0 }, "f16" => options with { Type = GgmlType.F16 }, _ => null },
            "--out" => options with { OutputPath = value },
            _ => options.Host.Apply(name, value, seeds: false) is { } host ? options with { Host = host } : null,
        }, out error);
    }
}
