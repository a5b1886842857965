using Microsoft.Extensions.Logging;

namespace ClinicalAgent.Agent.Runtime.Local;

/// <summary>
/// The logger llama.cpp's own log goes to, one level down for its warnings: they describe its internals (the
/// full-size sliding-window cache we ask for, a tensor left unrepacked, a context below the trained one), on every
/// load, and nothing a user can act on; what they can act on, our own checks report as errors. llama.cpp's errors
/// keep their level.
/// </summary>
internal sealed class NativeLogLevels(ILogger inner) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(Lowered(logLevel));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        inner.Log(Lowered(logLevel), eventId, state, exception, formatter);

    private static LogLevel Lowered(LogLevel level) => level == LogLevel.Warning ? LogLevel.Debug : level;
}
