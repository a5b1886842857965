using System.Threading.RateLimiting;

namespace ClinicalAgent.Security.Hardening;

/// <summary>A token bucket's answer: a token taken, or refused with how long until one is back (<see cref="MetadataName.RetryAfter"/>).</summary>
internal sealed class BucketLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
{
    public static readonly BucketLease Acquired = new(true, null);

    public override bool IsAcquired => acquired;

    public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
        return metadata is not null;
    }
}
