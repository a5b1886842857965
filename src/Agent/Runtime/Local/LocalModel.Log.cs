using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>The model's log messages: sizes, counts and timings, never prompt text.</summary>
public sealed partial class LocalModel
{
    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "A request of {PromptTokens} prompt tokens (+{Reserve} output) waits for room in the shared context")]
    private partial void LogWaitingForRoom(int promptTokens, int reserve);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Loaded model {ModelId} in {ElapsedMs} ms (context {ContextSize}, {Threads} threads)")]
    private partial void LogLoaded(string modelId, long elapsedMs, int contextSize, int threads);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Conversation {ConversationId}: prompt {PromptTokens} tokens, {ReusedTokens} reused from the KV cache (forked: {Forked})")]
    private partial void LogLeased(int conversationId, int promptTokens, int reusedTokens, bool forked);
}
