using Microsoft.Extensions.Logging;

namespace ClinicalAgent.ModelApi.Hosting;

/// <summary>/v1's log lines: counts, codes and ids only; no message text.</summary>
internal static partial class ModelApiLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "/v1 completion ({Model}, stream {Stream}): {InputTokens} prompt and {OutputTokens} completion tokens, {FinishReason}, {Attempts} attempt(s)")]
    public static partial void Completed(ILogger logger, string model, bool stream, long? inputTokens, long? outputTokens, string finishReason, int attempts);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "/v1 request refused with {Status} ({Code}, field {Param})")]
    public static partial void Refused(ILogger logger, int status, string? code, string? param);

    [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "/v1 request failed")]
    public static partial void Failed(ILogger logger, Exception exception);
}
