using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Cli.Hosting;

/// <summary>Logs to the command's error writer (stderr, or a test's writer), one line per entry: ids and counts only,
/// as every message in the product is written; record text appears only at Trace.</summary>
internal sealed class TextWriterLoggerProvider(TextWriter writer) : ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            writer.WriteLine(line);
        }
    }

    private sealed class Logger(TextWriterLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => "trace",
                LogLevel.Debug => "debug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warn",
                LogLevel.Error => "fail",
                _ => "crit",
            };
            // The exception's type, not its message or stack: messages can carry record content.
            var suffix = exception is null ? "" : $" ({exception.GetType().Name})";
            provider.Write($"{level}: {category}: {formatter(state, exception)}{suffix}");
        }
    }
}
