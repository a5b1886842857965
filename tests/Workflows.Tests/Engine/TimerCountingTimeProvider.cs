using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Workflows.Tests.Engine;

/// <summary>
/// A fake clock that says when code under test has armed a timer, so a test moves the clock only after the code has
/// read it: moving it earlier would arm the timer from the later time and make the test depend on thread timing.
/// </summary>
internal sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly TaskCompletionSource firstTimer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int timersArmed;

    public int TimersArmed => Volatile.Read(ref timersArmed);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref timersArmed);
        firstTimer.TrySetResult();
        return timer;
    }

    public Task WaitForTimerAsync(TimeSpan timeout) => firstTimer.Task.WaitAsync(timeout);
}
