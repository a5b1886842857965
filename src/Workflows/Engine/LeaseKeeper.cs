using ClinicalAgent.Workflows.Persistence;

namespace ClinicalAgent.Workflows.Engine;

/// <summary>
/// Keeps a run's claim alive: renews the lease every third of its length, so only a runner that stopped (killed,
/// cut off) lets it expire. When a renewal finds the claim gone (another runner took it over), <see cref="Token"/>
/// is cancelled and the run stops at its next await.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;

    public LeaseKeeper(IWorkflowStore store, string instanceId, string owner, TimeSpan lease, TimeProvider time, CancellationToken outer)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _timer = new PeriodicTimer(lease / 3, time);
        _loop = RenewAsync(store, instanceId, owner, lease);
    }

    /// <summary>Cancelled when the run's caller cancels or the claim is lost.</summary>
    public CancellationToken Token => _cancel.Token;

    public bool Lost { get; private set; }

    /// <summary>
    /// Raised after each renewal the database answered: true when the claim was extended, false when it was found
    /// gone (then <see cref="Token"/> is already cancelled). Lets a test on a fake clock wait for the renewal it caused.
    /// </summary>
    public event Action<bool>? Renewed;

    public async ValueTask DisposeAsync()
    {
        _timer.Dispose();
        await _loop.ConfigureAwait(false);
        _cancel.Dispose();
    }

    private async Task RenewAsync(IWorkflowStore store, string instanceId, string owner, TimeSpan lease)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(_cancel.Token).ConfigureAwait(false))
            {
                try
                {
                    if (!await store.RenewAsync(instanceId, owner, lease, _cancel.Token).ConfigureAwait(false))
                    {
                        Lost = true;
                        await _cancel.CancelAsync().ConfigureAwait(false);
                        Renewed?.Invoke(false);
                        return;
                    }

                    Renewed?.Invoke(true);
                }
                catch (System.Data.Common.DbException)
                {
                    // The database did not answer this time; two more tries remain before the lease runs out.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended or its caller stopped it.
        }
    }
}
