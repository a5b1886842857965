using System.Globalization;

namespace ClinicalAgent.Bench.Workflows;

/// <summary>What one <c>workflows</c> benchmark run measures, from its command line.</summary>
/// <param name="Events">FHIR events for the trigger-to-first-step latency, one at a time.</param>
/// <param name="PollMs">The FHIR trigger's poll interval.</param>
/// <param name="Instances">Instances of the five-step workflow for throughput.</param>
/// <param name="Concurrency">Instances run at once.</param>
/// <param name="Checkpoints">Timed checkpoints for the per-step cost.</param>
/// <param name="Rate">Writes per second for the trigger lag under load.</param>
/// <param name="Writes">Writes made at that rate.</param>
public sealed record WorkflowBenchOptions(int Events = 200, int PollMs = 100, int Instances = 500, int Concurrency = 16, int Checkpoints = 2000, int Rate = 100, int Writes = 500)
{
    public const string Usage = "usage: ClinicalAgent.Bench workflows [--events 200] [--poll-ms 100] [--instances 500] [--concurrency 16] [--checkpoints 2000] [--rate 100] [--writes 500]";

    public static WorkflowBenchOptions? Parse(IReadOnlyList<string> args, out string error)
    {
        var options = new WorkflowBenchOptions();
        error = "";
        for (var i = 1; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"{args[i]} needs a positive whole number.";
                return null;
            }

            WorkflowBenchOptions? next = args[i] switch
            {
                "--events" => options with { Events = n },
                "--poll-ms" => options with { PollMs = n },
                "--instances" => options with { Instances = n },
                "--concurrency" => options with { Concurrency = n },
                "--checkpoints" => options with { Checkpoints = n },
                "--rate" => options with { Rate = n },
                "--writes" => options with { Writes = n },
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
