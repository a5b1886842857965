using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Runtime.Local.PrefixCaching;

/// <summary>The prefix cache's log messages: counts, sizes, timings and hashed file names, never prompt text or tokens.</summary>
internal static partial class PrefixCacheLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Debug, Message = "Prefix cache in {Directory} (model hash known after {ElapsedMs} ms)")]
    public static partial void Opened(ILogger logger, string directory, long elapsedMs);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "The prefix cache folder {Directory} cannot be used ({Error}); running without it")]
    public static partial void Unusable(ILogger logger, string directory, string error);

    [LoggerMessage(EventId = 42, Level = LogLevel.Debug, Message = "Prefix cache: no file for a prefix of {Tokens} tokens; it is saved once evaluated")]
    public static partial void Missed(ILogger logger, int tokens);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Prefix cache file {File} ignored: {Problem}; it is rebuilt")]
    public static partial void Ignored(ILogger logger, string file, string problem);

    [LoggerMessage(EventId = 44, Level = LogLevel.Debug, Message = "Prefix cache: loaded {Tokens} tokens ({Megabytes} MiB of state) in {ElapsedMs} ms")]
    public static partial void Loaded(ILogger logger, int tokens, long megabytes, long elapsedMs);

    [LoggerMessage(EventId = 45, Level = LogLevel.Debug, Message = "Prefix cache: saved {Tokens} tokens ({Megabytes} MiB) in {ElapsedMs} ms")]
    public static partial void Saved(ILogger logger, int tokens, long megabytes, long elapsedMs);

    [LoggerMessage(EventId = 46, Level = LogLevel.Information, Message = "Prefix cache file {File} could not be written ({Error})")]
    public static partial void WriteFailed(ILogger logger, string file, string error);

    [LoggerMessage(EventId = 47, Level = LogLevel.Debug, Message = "Prefix cache: removed {File} to stay under the size bound")]
    public static partial void Pruned(ILogger logger, string file);
}
