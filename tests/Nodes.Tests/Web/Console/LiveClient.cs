using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>A page's /ws/live as a test sees it: every message read in the background, waited for by predicate.</summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _messages = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _seen = [];
    private Task _reader = Task.CompletedTask;

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseReason => _socket.CloseStatusDescription;

    public static async Task<LiveClient> ConnectAsync(Uri baseUri, CancellationToken ct, CookieContainer? cookies = null)
    {
        var client = new LiveClient();
        if (cookies is not null)
        {
            client._socket.Options.Cookies = cookies;
        }

        await client._socket.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws/live"), ct);
        client._reader = client.ReadAsync();
        return client;
    }

    public Task SendAsync(object message, CancellationToken ct) => SendTextAsync(JsonSerializer.Serialize(message), ct);

    public Task SendTextAsync(string text, CancellationToken ct) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, ct);

    /// <summary>The first message (seen before or arriving within <paramref name="timeout"/>) that matches.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, TimeSpan timeout, CancellationToken ct, string what)
    {
        var found = _seen.FirstOrDefault(m => m.ValueKind != JsonValueKind.Undefined && match(m));
        if (found.ValueKind != JsonValueKind.Undefined)
        {
            return found;
        }

        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            while (await _messages.Reader.WaitToReadAsync(bounded.Token))
            {
                while (_messages.Reader.TryRead(out var message))
                {
                    _seen.Add(message);
                    if (match(message))
                    {
                        return message;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"no {what} within {timeout.TotalSeconds:0} s (socket {_socket.State} {CloseStatus} {CloseReason}); " +
                                   $"seen types: {string.Join(",", _seen.Select(Type).Distinct())}");
    }

    public Task<JsonElement> WaitForTypeAsync(string type, TimeSpan timeout, CancellationToken ct) =>
        WaitForAsync(m => Type(m) == type, timeout, ct, type);

    /// <summary>Waits until the server has closed the socket.</summary>
    public async Task WaitClosedAsync(TimeSpan timeout) => await _reader.WaitAsync(timeout);

    public static string Type(JsonElement message) =>
        message.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (true)
            {
                var length = 0;
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                        }

                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
                _messages.Writer.TryWrite(document.RootElement.Clone());
            }
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or OperationCanceledException)
        {
        }
        finally
        {
            _messages.Writer.TryComplete();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", bounded.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or InvalidOperationException)
            {
            }
        }

        await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
    }
}
