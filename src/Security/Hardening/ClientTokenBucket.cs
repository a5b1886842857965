using System.Threading.RateLimiting;

namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// One client's token bucket: <c>burst</c> tokens, refilled at <c>perSecond</c>, on a <see cref="TimeProvider"/>
/// (the BCL's token bucket replenishes on a real timer and stopwatch, which a test cannot drive). A request takes a
/// token or is refused at once, with how long until one is back; nothing queues.
/// </summary>
internal sealed class ClientTokenBucket(int burst, int perSecond, TimeProvider time) : RateLimiter
{
    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _refilledAt = time.GetTimestamp();

    /// <summary>How long the bucket has been full, so the partitioned limiter can drop idle clients; null while in use.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens >= burst ? time.GetElapsedTime(_refilledAt) : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_gate)
        {
            Refill();
            return new RateLimiterStatistics { CurrentAvailablePermits = (long)_tokens };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            Refill();
            if (_tokens >= permitCount)
            {
                _tokens -= permitCount;
                return BucketLease.Acquired;
            }

            var wait = TimeSpan.FromSeconds(Math.Ceiling((permitCount - _tokens) / perSecond));
            return new BucketLease(false, wait);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    // Caller holds the gate. Time is counted from the last refill, so fractions of a token carry over.
    private void Refill()
    {
        var now = time.GetTimestamp();
        var elapsed = time.GetElapsedTime(_refilledAt, now);
        if (elapsed <= TimeSpan.Zero)
            return;
        _tokens = Math.Min(burst, _tokens + (elapsed.TotalSeconds * perSecond));
        _refilledAt = now;
    }
}
