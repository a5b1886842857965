using System.Globalization;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.Cli.Hosting;
using ClinicalAgent.Evaluation.Runners;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;

namespace ClinicalAgent.Cli.Commands;

/// <summary>
/// How a benchmark's model samples: the temperature (and, on the local runtime, its top-k and top-p cuts). A run sends
/// them with every request, rather than leaving them to the runtime's or server's defaults, so that <c>run.json</c>
/// records what was used and <c>bench explain</c> replays with the same.
/// </summary>
/// <param name="Temperature">The sampling temperature.</param>
/// <param name="TopK">The top-k cut; null where the server's own applies.</param>
/// <param name="TopP">The nucleus cut; null where the server's own applies.</param>
internal sealed record BenchSampling(float Temperature, int? TopK, float? TopP)
{
    private const string TemperatureKey = $"{LocalModelOptions.SectionName}:Temperature";

    /// <summary>The configured sampling: <c>Model:Temperature</c> (default 0.2); the local runtime's cuts, none for an
    /// OpenAI-compatible server (top-k is not part of its API).</summary>
    public static BenchSampling Configured(IConfiguration configuration)
    {
        var temperature = float.TryParse(configuration[TemperatureKey], NumberStyles.Float, CultureInfo.InvariantCulture, out var configured)
            ? configured : new LocalModelOptions().Temperature;
        return ApplicationConfiguration.IsLocalModel(configuration)
            ? new BenchSampling(temperature, LocalModelOptions.DefaultTopK, LocalModelOptions.DefaultTopP)
            : new BenchSampling(temperature, null, null);
    }

    /// <summary>What a run's manifest recorded, or null for a folder written before sampling was recorded.</summary>
    public static BenchSampling? Recorded(RunManifest manifest) =>
        manifest.Temperature is { } temperature ? new BenchSampling(temperature, manifest.TopK, manifest.TopP) : null;

    /// <summary>Whether the command line set the temperature (<c>--temperature</c>).</summary>
    public static bool Given(IEnumerable<KeyValuePair<string, string?>> commandLineSettings) =>
        commandLineSettings.Any(s => string.Equals(s.Key, TemperatureKey, StringComparison.OrdinalIgnoreCase));

    /// <summary>The options of one request with <paramref name="seed"/>.</summary>
    public ChatOptions Options(uint seed) => new() { Seed = seed, Temperature = Temperature, TopK = TopK, TopP = TopP };

    /// <summary><paramref name="manifest"/> with this sampling recorded.</summary>
    public RunManifest Record(RunManifest manifest) => manifest with { Temperature = Temperature, TopK = TopK, TopP = TopP };

    /// <summary>As <c>temperature 0.2, top-k 40, top-p 0.95</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"temperature {Temperature:0.###}")
        + (TopK is { } k ? string.Create(CultureInfo.InvariantCulture, $", top-k {k}") : "")
        + (TopP is { } p ? string.Create(CultureInfo.InvariantCulture, $", top-p {p:0.###}") : "");
}
