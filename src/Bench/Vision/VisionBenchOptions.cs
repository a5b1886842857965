namespace ClinicalAgent.Bench.Vision;

/// <summary>What one <c>vision</c> benchmark run measures, from its command line.</summary>
/// <param name="ModelPath">The GGUF model; null writes the tiny random-weight model (and its projector) to a temporary folder.</param>
/// <param name="ProjectorPath">Its mmproj; required with <paramref name="ModelPath"/>.</param>
/// <param name="Threads">CPU threads for llama.cpp.</param>
/// <param name="Repeats">Timed repeats of each case (a new image each repeat, so every first question encodes).</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
public sealed record VisionBenchOptions(string? ModelPath = null, string? ProjectorPath = null, int Threads = 0, int Repeats = 20, string? OutputPath = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench vision [--model PATH --mmproj PATH] [--threads N] [--repeats 20] [--out FILE]
        """;

    /// <summary>Threads in effect: the option, else the physical core count (about half the logical ones).</summary>
    public int EffectiveThreads => Threads > 0 ? Threads : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Reads <c>vision [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out VisionBenchOptions options, out string error)
    {
        options = new VisionBenchOptions();
        if (!BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--model" => options with { ModelPath = value },
            "--mmproj" => options with { ProjectorPath = value },
            "--threads" => BenchArguments.Positive(value) is { } t ? options with { Threads = t } : null,
            "--repeats" => BenchArguments.Positive(value) is { } r ? options with { Repeats = r } : null,
            "--out" => options with { OutputPath = value },
            _ => null,
        }, out error))
            return false;
        if ((options.ModelPath is null) != (options.ProjectorPath is null))
        {
            error = "--model and --mmproj go together (neither: the tiny models).";
            return false;
        }

        return true;
    }
}
