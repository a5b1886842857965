using System.Globalization;
using System.Threading.RateLimiting;
using ClinicalAgent.Security.ResourceServer;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace ClinicalAgent.Security.Hardening;

/// <summary>
/// ASP.NET Core's rate limiter, one <see cref="ClientTokenBucket"/> per client: the access token's <c>client_id</c>
/// when the request carried a valid one (so clients behind one address are told apart), else the remote address
/// (a forged or missing token cannot choose someone else's bucket). A refusal is 429 with <c>Retry-After</c>.
/// </summary>
internal static class ClientRateLimits
{
    /// <summary>Sets the global limiter (when <paramref name="limits"/> is on) and the rejection answer.</summary>
    public static void Configure(RateLimiterOptions options, ServerRateLimitOptions limits, TimeProvider time)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = RejectAsync;
        if (!limits.Enabled)
            return;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.Get(PartitionOf(context), _ => new ClientTokenBucket(limits.Burst, limits.PermitsPerSecond, time)));
    }

    /// <summary>Whose bucket a request draws from: <c>client:ID</c> or <c>address:IP</c>.</summary>
    internal static string PartitionOf(HttpContext context) =>
        context.GetFhirCaller() is { AuthorizationEnabled: true, ClientId: { Length: > 0 } client }
            ? "client:" + client
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await OutcomeResponse.WriteAsync(rejected.HttpContext, StatusCodes.Status429TooManyRequests, "throttled",
            string.Create(CultureInfo.InvariantCulture, $"Too many requests from this client; retry after {seconds} s.")).ConfigureAwait(false);
    }
}
