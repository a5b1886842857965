using System.Net;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>
/// Retries what a busy server turned away: 429 for any request (the server did not process it) and 503 for
/// idempotent ones (GET, HEAD, PUT, DELETE, OPTIONS), waiting as <c>Retry-After</c> says (seconds or an HTTP date)
/// on the injected <see cref="TimeProvider"/>, a bounded number of times.
/// </summary>
internal sealed class FhirRetryHandler(FhirRetryOptions options, TimeProvider time, ILogger<FhirRetryHandler> logger) : DelegatingHandler
{
    /// <summary>A handler on the services' <see cref="TimeProvider"/> (the system clock when none is registered).</summary>
    public static FhirRetryHandler Create(IServiceProvider services, FhirRetryOptions options) => new(
        options,
        services.GetService<TimeProvider>() ?? TimeProvider.System,
        services.GetService<ILogger<FhirRetryHandler>>() ?? NullLogger<FhirRetryHandler>.Instance);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            // Buffered content can be sent again.
            await request.Content.LoadIntoBufferAsync(cancellationToken);
        }

        var waited = TimeSpan.Zero;
        for (var retry = 0; ; retry++)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var status = response.StatusCode;
            if (!ShouldRetry(request.Method, status))
            {
                return response;
            }

            var wait = Wait(response, retry);
            response.Dispose();
            var server = request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "the FHIR server";
            if (retry >= options.MaxRetries)
            {
                throw Busy(status, $"The server at {server} answered {HttpStatusText.Of(status)} {retry + 1} times over {waited.TotalSeconds:0.#} s; try again later (Fhir:Retry:MaxRetries is {options.MaxRetries}).");
            }

            if (wait > options.MaxWait)
            {
                throw Busy(status, $"The server at {server} answered {HttpStatusText.Of(status)} and asks to wait {wait.TotalSeconds:0} s, longer than Fhir:Retry:MaxWait ({options.MaxWait.TotalSeconds:0} s); try again later.");
            }

            FhirRetryLog.Retrying(logger, server, (int)status, wait, retry + 1, options.MaxRetries);
            await System.Threading.Tasks.Task.Delay(wait, time, cancellationToken);
            waited += wait;
        }
    }

    private static bool ShouldRetry(HttpMethod method, HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests
        || (status == HttpStatusCode.ServiceUnavailable
            && (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Options));

    private TimeSpan Wait(HttpResponseMessage response, int retry)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var until = date - time.GetUtcNow();
            return until < TimeSpan.Zero ? TimeSpan.Zero : until;
        }

        return options.FirstWait * Math.Pow(2, retry);
    }

    private static FhirGatewayException Busy(HttpStatusCode status, string text) =>
        FhirGatewayException.Create(
            status,
            status == HttpStatusCode.TooManyRequests ? OperationOutcome.IssueType.Throttled : OperationOutcome.IssueType.Transient,
            text);
}
