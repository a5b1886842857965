using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Web.Logging;

/// <summary>The web app's log messages: ids and reasons only, never record text.</summary>
internal static partial class WebLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Web sign-in as {Person}")]
    public static partial void SignedIn(ILogger logger, string person);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Warning, Message = "Web sign-in refused: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "Web chat turn for patient {PatientId}: {Reason} after {Steps} steps")]
    public static partial void ChatTurn(ILogger logger, string patientId, string reason, int steps);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "Web chat turn for patient {PatientId} failed: {ErrorType}")]
    public static partial void ChatFailed(ILogger logger, string patientId, string errorType);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Pending write {PendingId} {Decision} by {Person}")]
    public static partial void WriteDecided(ILogger logger, string pendingId, string decision, string person);

    [LoggerMessage(EventId = 9006, Level = LogLevel.Information, Message = "Web sign-in as {Person} at the EHR {Server}")]
    public static partial void SignedInRemote(ILogger logger, string person, string server);
}
