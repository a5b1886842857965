using System.Globalization;

namespace ClinicalAgent.Bench.Agent;

/// <summary>What one <c>agent</c> benchmark run measures, from its command line.</summary>
/// <param name="Patients">Synthetic patients whose tool results are compared with their raw FHIR.</param>
/// <param name="Seed">Seeds the generator.</param>
/// <param name="ModelPath">A GGUF whose tokenizer counts tokens; null for the o200k stand-in.</param>
/// <param name="Turns">Agent turns timed for the loop's own overhead.</param>
/// <param name="StepsPerTurn">Tool steps per timed turn.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record AgentBenchOptions(int Patients = 20, int Seed = 42, string? ModelPath = null, int Turns = 200, int StepsPerTurn = 6, string? OutputPath = null)
{
    public const string Usage = """
        usage: ClinicalAgent.Bench agent [--patients 20] [--seed 42] [--model GGUF] [--turns 200] [--steps 6] [--out FILE]
        """;

    /// <summary>Reads <c>agent [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out AgentBenchOptions options, out string error)
    {
        options = new AgentBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--patients" => BenchArguments.Positive(value) is { } p ? options with { Patients = p } : null,
            "--seed" => int.TryParse(value, CultureInfo.InvariantCulture, out var s) ? options with { Seed = s } : null,
            "--model" => File.Exists(value) ? options with { ModelPath = value } : null,
            "--turns" => BenchArguments.Positive(value) is { } t ? options with { Turns = t } : null,
            "--steps" => BenchArguments.Positive(value) is { } k ? options with { StepsPerTurn = k } : null,
            "--out" => options with { OutputPath = value },
            _ => null,
        }, out error);
    }
}
