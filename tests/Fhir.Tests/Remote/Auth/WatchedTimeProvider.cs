using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace ClinicalAgent.Fhir.Tests.Remote.Auth;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that reports each timer armed on it, so a test advances the clock only once the
/// code under test is waiting (advancing earlier would leave the wait pending forever).
/// </summary>
internal sealed class WatchedTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public FakeTimeProvider Fake => fake;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The due time of the next timer armed; fails the test rather than hang if none comes.</summary>
    public async Task<TimeSpan> NextTimerAsync()
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _timers.Reader.ReadAsync(giveUp.Token);
    }

    /// <summary>Whether a timer was armed that no one has read yet.</summary>
    public bool HasPendingTimer => _timers.Reader.TryPeek(out _);
}
