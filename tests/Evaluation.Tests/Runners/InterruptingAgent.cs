using ClinicalAgent.Evaluation.Runners;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Tests.Runners;

/// <summary>Wraps an agent and cancels the run when the <c>stopAt</c>-th task starts, as a Ctrl+C would; counts the tasks it was given.</summary>
internal sealed class InterruptingAgent(IBenchAgent inner, int stopAt, CancellationTokenSource cancel) : IBenchAgent
{
    private int _started;

    public string Name => inner.Name;

    public int Started => _started;

    public Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _started) == stopAt)
        {
            cancel.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return inner.RunAsync(task, cancellationToken);
    }
}
