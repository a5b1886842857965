using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Web.Tests.Benchmarks;

/// <summary>
/// A benchmark agent whose verdicts are planned per repeat: the oracle's answer on the tasks it is to pass, an agent
/// error (a failed try, as the runner records any agent's exception) on the others. It makes the pass@1 and pass^k of a
/// repeated run known in advance without depending on what a model samples.
/// </summary>
internal sealed class PlannedAgent(IBenchAgent oracle, IReadOnlySet<string> passing) : IBenchAgent
{
    public string Name => "planned";

    public Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken) =>
        passing.Contains(task.Id) ? oracle.RunAsync(task, cancellationToken) : throw new InvalidOperationException("planned failure");
}
