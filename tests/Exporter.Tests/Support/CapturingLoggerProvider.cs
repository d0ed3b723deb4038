using System.Collections.Concurrent;

namespace Vbrick.Exporter.Tests.Support;

/// <summary>Keeps every log line, at every level, so tests can assert on what would reach an operator.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public string AllText(LogLevel minimum = LogLevel.Trace) =>
        string.Join('\n', Lines.Where(l => l.Level >= minimum).Select(l => $"{l.Level} {l.Category} {l.Message}"));

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            if (exception is not null)
            {
                message += " | " + exception;
            }

            owner.Lines.Enqueue((logLevel, category, message));
        }
    }
}
