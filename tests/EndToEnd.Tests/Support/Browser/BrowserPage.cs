using Microsoft.Playwright;

namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// One page in a browser context of its own, with what the page logged (console messages, uncaught errors, failed
/// requests) kept for failure messages. Disposing closes the context and so the page.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private const int KeptLines = 60;

    private readonly Queue<string> _log = new();
    private readonly List<string> _webSockets = [];

    public BrowserPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) => Keep($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => Keep($"page error: {error}");
        page.RequestFailed += (_, request) => Keep($"request failed: {request.Method} {request.Url} {request.Failure}");
        // A confirm() before a removal is answered yes, as the person clicking would (Playwright would dismiss it).
        page.Dialog += async (_, dialog) =>
        {
            Keep($"dialog {dialog.Type}: {dialog.Message} (accepted)");
            await dialog.AcceptAsync();
        };
        page.WebSocket += (_, socket) =>
        {
            lock (_webSockets)
            {
                _webSockets.Add(socket.Url);
            }

            Keep($"websocket open: {socket.Url}");
            socket.Close += (_, _) => Keep($"websocket closed: {socket.Url}");
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>The URL of every WebSocket the page opened, in order.</summary>
    public IReadOnlyList<string> WebSocketUrls
    {
        get
        {
            lock (_webSockets)
            {
                return [.. _webSockets];
            }
        }
    }

    /// <summary>The last lines the page logged, for a failure message.</summary>
    public string LogTail
    {
        get
        {
            lock (_log)
            {
                return _log.Count == 0 ? "(nothing logged)" : string.Join('\n', _log);
            }
        }
    }

    /// <summary>
    /// Waits (bounded) until <paramref name="predicate"/> (a JavaScript function of <paramref name="argument"/>) returns
    /// something truthy in the page; on timeout fails naming <paramref name="what"/>, what <paramref name="seen"/> (a
    /// JavaScript expression) shows now, and the page's log.
    /// </summary>
    public async Task WaitForAsync(string predicate, object? argument, TimeSpan timeout, string what, string seen)
    {
        try
        {
            await Page.WaitForFunctionAsync(predicate, argument,
                new PageWaitForFunctionOptions { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 100 });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // Playwright's own timeout is a System.TimeoutException: this one adds what the page showed.
            throw new TimeoutException(
                $"Not within {timeout.TotalSeconds:0.#} s: {what}; seen: {await DescribeAsync(seen)}; page log:\n{LogTail}", ex);
        }
    }

    /// <summary>The value of a JavaScript expression, as text, for a failure message (never throws).</summary>
    public async Task<string> DescribeAsync(string expression)
    {
        try
        {
            return await Page.EvaluateAsync<string>($"() => {{ try {{ return JSON.stringify({expression}); }} catch (e) {{ return 'error: ' + e; }} }}");
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return $"(could not evaluate: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The browser is gone already.
        }
    }

    private void Keep(string line)
    {
        lock (_log)
        {
            _log.Enqueue(line.Length > 500 ? line[..500] + "…" : line);
            while (_log.Count > KeptLines)
            {
                _log.Dequeue();
            }
        }
    }
}
