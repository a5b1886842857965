using System.Collections.Concurrent;
using ClinicalAgent.Agent.Runtime.Local;
using ClinicalAgent.TestKit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicalAgent.Agent.Tests.Runtime;

/// <summary>
/// llama.cpp's log reaches our logger with its warnings at Debug, so a user's console at the default level shows none
/// of them. In the tiny-model collection: llama.cpp's log callback is one per process, and the other model loads there
/// run one at a time.
/// </summary>
[Collection(TinyModelCollection.Name)]
[Trait(TinyModelTrait.Name, TinyModelTrait.Value)]
public sealed class NativeLogLevelsTests(TinyModelFixture model)
{
    [Fact]
    public void Log_WarningAndError_WarningLoweredToDebugErrorKept()
    {
        var recorded = new RecordingLogger();
        var logger = new NativeLogLevels(recorded);

        logger.LogWarning("cache layout");
        logger.LogError("cannot open file");

        Assert.Equal([(LogLevel.Debug, "cache layout"), (LogLevel.Error, "cannot open file")], recorded.Entries);
    }

    [Fact]
    public void LocalModel_LoadingTheTinyModel_LlamaCppWarnsNothingAtWarningLevel()
    {
        var recorded = new RecordingLogger();

        using (new LocalModel(Options.Create(new LocalModelOptions { ModelPath = model.ModelPath, ContextSize = 512, Threads = 1, PrefixCache = "off" }), recorded))
        {
        }

        // The full-size sliding-window cache the runtime asks for on purpose is one of llama.cpp's load warnings.
        Assert.Contains(recorded.Entries, e => e.Level == LogLevel.Debug && e.Message.Contains("SWA", StringComparison.Ordinal));
        Assert.DoesNotContain(recorded.Entries, e => e.Level == LogLevel.Warning);
    }

    private sealed class RecordingLogger : ILogger<LocalModel>
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message)> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue((logLevel, formatter(state, exception).Trim()));
    }
}
