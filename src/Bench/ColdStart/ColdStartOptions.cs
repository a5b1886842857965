namespace ClinicalAgent.Bench.ColdStart;

/// <summary>What one <c>cold-start</c> benchmark run measures, from its command line.</summary>
/// <param name="Clis">The <c>clinicalagent</c> binaries compared (the Release build, an installed one, …); empty: the repository's Release build.</param>
/// <param name="Settings">The runtime settings compared, each <c>default</c> or <c>NAME=VALUE[,NAME=VALUE]</c> environment variables; empty: the defaults below.</param>
/// <param name="Patients">Synthetic patients in the imported NDJSON.</param>
/// <param name="Rounds">How many times every binary and setting take turns, so drift falls on each alike.</param>
internal sealed record ColdStartOptions(IReadOnlyList<string> Clis, IReadOnlyList<string> Settings, int Patients = 100, int Rounds = 3)
{
    public const string Usage =
        "usage: ClinicalAgent.Bench cold-start [--cli PATH]... [--setting default|NAME=VALUE[,NAME=VALUE]]... [--patients 100] [--rounds 3]";

    /// <summary>Compared when no <c>--setting</c> is given: .NET's defaults, and methods without precompiled code compiled optimized at once.</summary>
    public static readonly IReadOnlyList<string> DefaultSettings = ["default", "DOTNET_TC_QuickJit=0"];

    /// <summary>Reads <c>cold-start [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out ColdStartOptions options, out string error)
    {
        options = new ColdStartOptions([], []);
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--cli" => options with { Clis = [.. options.Clis, value] },
            "--setting" when Environment(value) is not null => options with { Settings = [.. options.Settings, value] },
            "--patients" when BenchArguments.Positive(value) is { } n => options with { Patients = n },
            "--rounds" when BenchArguments.Positive(value) is { } n => options with { Rounds = n },
            _ => null,
        }, out error);
    }

    /// <summary>
    /// The environment variables a setting stands for: none for <c>default</c>, else each <c>NAME=VALUE</c> of the
    /// comma-separated list; null when one has no name or no <c>=</c>.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Environment(string setting)
    {
        if (setting == "default")
            return [];
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in setting.Split(','))
        {
            var at = part.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
                return null;
            pairs.Add(new(part[..at], part[(at + 1)..]));
        }

        return pairs;
    }
}
