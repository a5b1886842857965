using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Remote;

/// <summary>The retry handler's log messages: the server's authority and statuses only, never a path or query.</summary>
internal static partial class FhirRetryLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Server} answered {Status}; retrying in {Wait} (retry {Retry} of {MaxRetries})")]
    public static partial void Retrying(ILogger logger, string server, int status, TimeSpan wait, int retry, int maxRetries);
}
