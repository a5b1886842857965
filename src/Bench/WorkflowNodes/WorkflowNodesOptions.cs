namespace ClinicalAgent.Bench.WorkflowNodes;

/// <summary>What one <c>workflow-nodes</c> benchmark run measures, from its command line.</summary>
/// <param name="Postgres">The PostgreSQL server (a role with CREATEDB); <c>$CLINICALAGENT_BENCH_POSTGRES</c> when not given.</param>
/// <param name="Instances">Instances of the five-step workflow per run.</param>
/// <param name="Concurrency">Instances run at once per node.</param>
/// <param name="OutputPath">Also writes the Markdown report here.</param>
internal sealed record WorkflowNodesOptions(string Postgres = "", int Instances = 300, int Concurrency = 8, string? OutputPath = null)
{
    public const string Usage =
        "usage: ClinicalAgent.Bench workflow-nodes --postgres CONNECTION [--instances 300] [--concurrency 8] [--out FILE]   (or $CLINICALAGENT_BENCH_POSTGRES; needs CREATEDB)";

    /// <summary>Reads <c>workflow-nodes [--name value]...</c>; false with a message naming the bad argument or the missing server.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out WorkflowNodesOptions options, out string error)
    {
        options = new WorkflowNodesOptions(Environment.GetEnvironmentVariable("CLINICALAGENT_BENCH_POSTGRES") ?? "");
        if (!BenchArguments.TryParse(args, Usage, ref options, static (options, name, value) => name switch
        {
            "--postgres" => options with { Postgres = value },
            "--out" => options with { OutputPath = value },
            "--instances" => BenchArguments.Positive(value) is { } n ? options with { Instances = n } : null,
            "--concurrency" => BenchArguments.Positive(value) is { } c ? options with { Concurrency = c } : null,
            _ => null,
        }, out error))
            return false;
        if (options.Postgres.Length > 0)
            return true;
        error = "No PostgreSQL server given.";
        return false;
    }
}
