using System.Collections.Concurrent;
using ClinicalAgent.Evaluation.Tasks;

namespace ClinicalAgent.Evaluation.Runners;

/// <summary>
/// Several interchangeable agents behind one: each task borrows a free one. The concurrent model runs give every worker
/// the same chat client over one loaded model (<c>Model:MaxConversations</c> = the number of workers): its decode
/// scheduler batches the workers' requests into one llama.cpp decode per step, and they queue for room in the shared
/// KV cells when their prompts do not fit together.
/// </summary>
public sealed class AgentPool : IBenchAgent
{
    private readonly ConcurrentQueue<IBenchAgent> _free;
    private readonly SemaphoreSlim _available;

    /// <summary>A pool over <paramref name="agents"/>, which must share a name.</summary>
    public AgentPool(IReadOnlyList<IBenchAgent> agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        if (agents.Count == 0)
            throw new ArgumentException("A pool needs at least one agent.", nameof(agents));
        Name = agents[0].Name;
        _free = new ConcurrentQueue<IBenchAgent>(agents);
        _available = new SemaphoreSlim(agents.Count, agents.Count);
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public async Task<TaskRun> RunAsync(BenchTask task, CancellationToken cancellationToken)
    {
        await _available.WaitAsync(cancellationToken).ConfigureAwait(false);
        _free.TryDequeue(out var agent);
        try
        {
            return await agent!.RunAsync(task, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _free.Enqueue(agent!);
            _available.Release();
        }
    }
}
