namespace ClinicalAgent.Bench.Harness;

/// <summary>Disposes a list of things together, for a <c>using</c> over several model clients.</summary>
internal sealed class Disposables(IEnumerable<IDisposable> items) : IDisposable
{
    public void Dispose()
    {
        foreach (var item in items)
            item.Dispose();
    }
}
