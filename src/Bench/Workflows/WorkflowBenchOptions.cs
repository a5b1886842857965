namespace ClinicalAgent.Bench.Workflows;

/// <summary>What one <c>workflows</c> benchmark run measures, from its command line.</summary>
/// <param name="Events">FHIR events for the trigger-to-first-step latency, one at a time.</param>
/// <param name="PollMs">The FHIR trigger's poll interval.</param>
/// <param name="Instances">Instances of the five-step workflow for throughput.</param>
/// <param name="Concurrency">Instances run at once.</param>
/// <param name="Checkpoints">Timed checkpoints for the per-step cost.</param>
/// <param name="Rate">Writes per second for the trigger lag under load.</param>
/// <param name="Writes">Writes made at that rate.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record WorkflowBenchOptions(
    int Events = 200, int PollMs = 100, int Instances = 500, int Concurrency = 16, int Checkpoints = 2000, int Rate = 100, int Writes = 500, string? OutputPath = null)
{
    public const string Usage =
        "usage: ClinicalAgent.Bench workflows [--events 200] [--poll-ms 100] [--instances 500] [--concurrency 16] [--checkpoints 2000] [--rate 100] [--writes 500] [--out FILE]";

    /// <summary>Reads <c>workflows [--name value]...</c>; false with a message naming the bad argument.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out WorkflowBenchOptions options, out string error)
    {
        options = new WorkflowBenchOptions();
        return BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--out" => options with { OutputPath = value },
            _ => BenchArguments.Positive(value) is { } n ? options.With(name, n) : null,
        }, out error);
    }

    // Every other option is a positive whole number.
    private WorkflowBenchOptions? With(string name, int n) => name switch
    {
        "--events" => this with { Events = n },
        "--poll-ms" => this with { PollMs = n },
        "--instances" => this with { Instances = n },
        "--concurrency" => this with { Concurrency = n },
        "--checkpoints" => this with { Checkpoints = n },
        "--rate" => this with { Rate = n },
        "--writes" => this with { Writes = n },
        _ => null,
    };
}
