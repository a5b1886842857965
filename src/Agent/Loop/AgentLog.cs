using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Loop;

/// <summary>The loop's log messages: ids, names, counts and timings at Debug; record text only at Trace.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Agent run started: {ToolCount} tools, max {MaxSteps} steps, patient {PatientId}")]
    public static partial void RunStarted(ILogger logger, int toolCount, int maxSteps, string? patientId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Trace, Message = "Question: {Question}")]
    public static partial void Question(ILogger logger, string question);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Step {Step}: model replied with {CallCount} tool calls in {ElapsedMs:F0} ms ({InputTokens} in, {OutputTokens} out, {CachedTokens} cached)")]
    public static partial void ModelReplied(ILogger logger, int step, int callCount, double elapsedMs, long? inputTokens, long? outputTokens, long? cachedTokens);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "Step {Step}: tool {Tool} (call {CallId}) returned {ResultChars} chars in {ElapsedMs:F0} ms")]
    public static partial void ToolReturned(ILogger logger, int step, string tool, string callId, int resultChars, double elapsedMs);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "Step {Step}: tool {Tool} (call {CallId}) failed: {ErrorKind}")]
    public static partial void ToolFailed(ILogger logger, int step, string tool, string callId, string errorKind);

    [LoggerMessage(EventId = 105, Level = LogLevel.Debug, Message = "Step {Step}: tool {Tool} asked for with the same arguments {Count} times")]
    public static partial void RepeatedCall(ILogger logger, int step, string tool, int count);

    [LoggerMessage(EventId = 106, Level = LogLevel.Trace, Message = "Tool {Tool} result: {Result}")]
    public static partial void ToolResult(ILogger logger, string tool, string result);

    [LoggerMessage(EventId = 107, Level = LogLevel.Debug, Message = "Agent run ended ({Reason}) after {Steps} steps, {Citations} citations")]
    public static partial void RunEnded(ILogger logger, AgentStoppedReason reason, int steps, int citations);

    [LoggerMessage(EventId = 108, Level = LogLevel.Trace, Message = "Answer: {Answer}")]
    public static partial void Answer(ILogger logger, string answer);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "The conversation outgrew the model's context: dropped its oldest turn, {TurnsLeft} earlier turns kept")]
    public static partial void HistoryTrimmed(ILogger logger, int turnsLeft);
}
