namespace ClinicalAgent.Security.Hardening;

/// <summary>A token bucket per client (<c>Server:RateLimit</c>); either value 0 turns limiting off.</summary>
public sealed class ServerRateLimitOptions
{
    /// <summary>Requests per second a client may make on average.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Requests a client may make at once after being idle (the bucket's size).</summary>
    public int Burst { get; set; } = 400;

    /// <summary>Whether limiting is on.</summary>
    public bool Enabled => PermitsPerSecond > 0 && Burst > 0;
}
