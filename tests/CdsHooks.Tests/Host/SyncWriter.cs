using System.Text;

namespace ClinicalAgent.CdsHooks.Tests.Host;

/// <summary>A text writer the serving command writes while the test reads it, and waits on until a text appears.</summary>
internal sealed class SyncWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private readonly List<(string Marker, TaskCompletionSource<string> Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _text.Append(value);
            Signal();
        }
    }

    public override void Write(string? value)
    {
        lock (_gate)
        {
            _text.Append(value);
            Signal();
        }
    }

    /// <summary>Completes with the first of <paramref name="markers"/> once the text holds it (at once if it already does).</summary>
    public Task<string> WaitForAnyAsync(CancellationToken cancellationToken, params string[] markers)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var marker in markers)
                _waiters.Add((marker, seen));
            Signal();
        }

        return seen.Task.WaitAsync(cancellationToken);
    }

    public override string ToString()
    {
        lock (_gate)
            return _text.ToString();
    }

    private void Signal()
    {
        if (_waiters.Count == 0)
            return;
        var text = _text.ToString();
        foreach (var waiter in _waiters.Where(w => text.Contains(w.Marker, StringComparison.Ordinal)).ToList())
        {
            _waiters.RemoveAll(w => w.Seen == waiter.Seen);
            waiter.Seen.TrySetResult(waiter.Marker);
        }
    }
}
