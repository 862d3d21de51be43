using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Tests.Remote;

/// <summary>Keeps every log line so a test can assert that a refusal was logged (and wait for it).</summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Text)> Lines => _lines.ToArray();

    public bool Contains(string fragment, LogLevel atLeast = LogLevel.Warning) =>
        _lines.Any(l => l.Level >= atLeast && l.Text.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    /// <summary>Polls the captured lines (they arrive from other threads) until one matches, bounded.</summary>
    public async Task WaitForAsync(string fragment, TimeSpan timeout, LogLevel atLeast = LogLevel.Warning)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Contains(fragment, atLeast))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No log line with '{fragment}' within {timeout}; got:\n" + string.Join("\n", Lines.Select(l => $"{l.Level} {l.Text}")));
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
