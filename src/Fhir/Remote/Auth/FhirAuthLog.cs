using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Remote.Auth;

/// <summary>The authorization's log messages: URLs, client ids, lifetimes and statuses, never a token or an assertion.</summary>
internal static partial class FhirAuthLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Got a FHIR access token for client {ClientId} from {TokenUrl}, valid {Lifetime}")]
    public static partial void TokenIssued(ILogger logger, string clientId, Uri tokenUrl, TimeSpan lifetime);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The FHIR server at {BaseUrl} refused the access token (401); getting a new one and retrying once")]
    public static partial void TokenRefused(ILogger logger, Uri baseUrl);
}
