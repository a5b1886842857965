using System.Globalization;

namespace ClinicalAgent.Bench.Remote;

/// <summary>What one <c>remote</c> benchmark run measures, from its command line.</summary>
/// <param name="Patients">Synthetic patients in the served store.</param>
/// <param name="Repeats">Timed calls of each tool call per gateway.</param>
/// <param name="Seconds">How long writes go on at each rate for the trigger lag.</param>
/// <param name="PollMs">The remote trigger's poll interval (<c>Workflows:RemotePollInterval</c>).</param>
internal sealed record RemoteBenchOptions(int Patients = 10, int Repeats = 20, int Seconds = 10, int PollMs = 1000)
{
    public const string Usage = "usage: ClinicalAgent.Bench remote [--patients 10] [--repeats 20] [--seconds 10] [--poll-ms 1000]";

    public static RemoteBenchOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = new RemoteBenchOptions();
        error = "";
        for (var i = 1; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"{args[i]} needs a positive whole number.";
                return null;
            }

            RemoteBenchOptions? next = args[i] switch
            {
                "--patients" => options with { Patients = n },
                "--repeats" => options with { Repeats = n },
                "--seconds" => options with { Seconds = n },
                "--poll-ms" => options with { PollMs = n },
                _ => null,
            };
            if (next is null)
            {
                error = $"Unknown option '{args[i]}'.";
                return null;
            }

            options = next;
        }

        return options;
    }
}
