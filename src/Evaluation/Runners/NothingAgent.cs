using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// The do-nothing baseline: answers <c>[]</c> and writes nothing. Its score is how much a benchmark rewards inaction
/// (41.7% on MedAgentBench v2 per "Rethinking MedAgentBench"); every report shows it.
/// </summary>
public sealed class NothingAgent : IBenchAgent
{
    /// <inheritdoc/>
    public string Name => "nothing";

    /// <inheritdoc/>
    public Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken) =>
        Task.FromResult(new TaskRun("FINISH([])", [], [], [new BenchStep("finish", null, "[]", 0)], "answered"));
}
