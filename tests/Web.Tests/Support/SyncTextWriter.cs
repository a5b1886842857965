using System.Text;

namespace ClinicalAgent.Web.Tests.Support;

/// <summary>
/// A StringWriter that other threads may read while the command still writes (for <c>serve</c>), and wait on until a
/// given text appears — signalled by the write itself, so a test never polls on a timer.
/// </summary>
internal sealed class SyncTextWriter : StringWriter
{
    private readonly Lock _gate = new();
    private readonly List<(string Marker, TaskCompletionSource<string> Seen)> _waiters = [];

    public override void Write(char value)
    {
        lock (_gate)
        {
            base.Write(value);
            Signal();
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            base.Write(value);
            Signal();
        }
    }

    public override Task WriteLineAsync(string? value)
    {
        lock (_gate)
        {
            base.WriteLine(value);
            Signal();
        }

        return Task.CompletedTask;
    }

    /// <summary>Everything written so far once it contains <paramref name="marker"/>.</summary>
    public Task<string> WaitForAsync(string marker, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((marker, seen));
            Signal();
        }

        return seen.Task.WaitAsync(cancellationToken);
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return GetStringBuilder().ToString();
        }
    }

    public override Encoding Encoding => Encoding.UTF8;

    // Called under the lock after each write.
    private void Signal()
    {
        if (_waiters.Count == 0)
            return;
        var text = GetStringBuilder().ToString();
        foreach (var waiter in _waiters.Where(w => text.Contains(w.Marker, StringComparison.Ordinal)).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Seen.TrySetResult(text);
        }
    }
}
