using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Tests.Support;

/// <summary>
/// Keeps every log entry of an actor system, so a test can assert (or wait for, bounded) what was logged and count it.
/// Entries arrive from other threads.
/// </summary>
public sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => _entries.ToArray();

    /// <summary>Whether an entry at <paramref name="atLeast"/> or above contains <paramref name="fragment"/> (case-insensitive).</summary>
    public bool Contains(string fragment, LogLevel atLeast = LogLevel.Warning) =>
        _entries.Any(e => e.Level >= atLeast && e.Message.Contains(fragment, StringComparison.OrdinalIgnoreCase));

    /// <summary>Polls the entries until one matches, bounded by <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(string fragment, TimeSpan timeout, LogLevel atLeast = LogLevel.Warning)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Contains(fragment, atLeast))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log entry with '{fragment}' within {timeout}; got:\n"
                    + string.Join("\n", Entries.Select(e => $"{e.Level} {e.Message}")));
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(LogLevel, string, string)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((logLevel, category, formatter(state, exception)));
    }
}
