using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Workflows.Tests.Engine;

/// <summary>
/// A fake clock that says when code under test has armed a timer, so a test moves the clock only after the code has
/// read it: moving it earlier would arm the timer from the later time and make the test depend on thread timing.
/// </summary>
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Armed)> _waiters = [];
    private int _timersArmed;

    public int TimersArmed
    {
        get
        {
            lock (_gate)
                return _timersArmed;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            _timersArmed++;
            foreach (var waiter in _waiters.Where(w => w.Count <= _timersArmed).ToList())
            {
                waiter.Armed.TrySetResult();
                _waiters.Remove(waiter);
            }
        }

        return timer;
    }

    public Task WaitForTimerAsync(TimeSpan timeout) => WaitForTimersAsync(1, timeout);

    /// <summary>Completes once <paramref name="count"/> timers have been armed in all; <paramref name="timeout"/> (real time) only bounds a broken test.</summary>
    public Task WaitForTimersAsync(int count, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_timersArmed >= count)
                return Task.CompletedTask;
            var armed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, armed));
            return armed.Task.WaitAsync(timeout);
        }
    }
}
