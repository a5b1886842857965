using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>Something that attempts benchmark tasks: the model, the oracle, the do-nothing baseline, the protocol client.</summary>
public interface IBenchAgent
{
    /// <summary>The name results and reports show, e.g. <c>oracle</c>.</summary>
    string Name { get; }

    /// <summary>Attempts one task; writes are proposed, never made.</summary>
    Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken);
}
