using System.Text;

namespace ClinicalAgent.Mcp.Tests;

/// <summary>A writer other threads read while a command still writes to it, and wait on until a text appears.</summary>
internal sealed class SignalingWriter : StringWriter
{
    private readonly Lock _gate = new();
    private readonly List<(string Marker, TaskCompletionSource Seen)> _waiters = [];

    public override Encoding Encoding => Encoding.UTF8;

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

    public Task WaitForAsync(string marker, CancellationToken cancellationToken)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
            return GetStringBuilder().ToString();
    }

    private void Signal()
    {
        if (_waiters.Count == 0)
            return;
        var text = GetStringBuilder().ToString();
        foreach (var waiter in _waiters.Where(w => text.Contains(w.Marker, StringComparison.Ordinal)).ToList())
        {
            _waiters.Remove(waiter);
            waiter.Seen.TrySetResult();
        }
    }
}
