namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>Releases the model's context lock once, when disposed (<see cref="LocalModel.HoldAsync"/>).</summary>
internal sealed class ContextHold(SemaphoreSlim exclusive) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
            exclusive.Release();
    }
}
