using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Fhir.Rest;

/// <summary>The facade's log messages. They carry methods, paths and ids only, never resource content.</summary>
internal static partial class FhirRestLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "FHIR {Method} {Path} failed unexpectedly")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "FHIR {Method} {Path} answered {Status}")]
    public static partial void GatewayFailure(ILogger logger, string method, string path, int status);
}
