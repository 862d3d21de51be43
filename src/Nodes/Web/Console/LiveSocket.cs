using System.Diagnostics;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ActorStream.Actors.Chat;
using ActorStream.Media.Chat;
using ActorStream.Messages.Chat;
using ActorStream.Nodes.Hosting;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// One page's /ws/live: registered in <see cref="LiveConnections"/> while open, it writes the hello and whatever is
/// posted for it (the feed's figures, its chat, its stream's clock), answers pings, runs the page's chat (a
/// <see cref="LiveChatSink"/>) and hands latency reports to the metrics. A message over the size limit, not JSON,
/// not text, or over the rate closes this socket only (1008 with the reason). When the socket ends, by either side,
/// the entry is closed and the chat actor stopped: a page that goes leaves nothing behind.
/// </summary>
public sealed class LiveSocket
{
    /// <summary>How long a send may take before the page counts as gone (a stalled client must not hold its writer).</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);

    // A page's messages are small and whole; a browser sends each in one frame.
    private const int MaxFramesPerMessage = 64;

    /// <summary>How long the closing handshake is waited for.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly WebSocket _socket;
    private readonly string _id;
    private readonly string _clientAddress;
    private readonly WebConsoleSettings _settings;
    private readonly LiveConnections _connections;
    private readonly ConsoleActors _actors;
    private readonly ILogger _log;
    private readonly TokenBucket _bucket;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private IActorRef? _chat;
    private int _chats;

    private LiveSocket(WebSocket socket, string id, string clientAddress, WebConsoleSettings settings, LiveConnections connections,
        ConsoleActors actors, ILogger log)
    {
        _socket = socket;
        _id = id;
        _clientAddress = clientAddress;
        _settings = settings;
        _connections = connections;
        _actors = actors;
        _log = log;
        _bucket = new TokenBucket(settings.SocketBurst, settings.SocketMessagesPerSecond, TimeSpan.Zero);
    }

    /// <summary>GET /ws/live.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var requests = services.GetRequiredService<ConsoleRequests>();
        var settings = requests.Settings;
        var connections = services.GetRequiredService<LiveConnections>();
        try
        {
            requests.RequireWatch(context);
            if (!context.WebSockets.IsWebSocketRequest)
            {
                throw new ConsoleRefusal(StatusCodes.Status400BadRequest, "/ws/live is a WebSocket");
            }

            if (!ConsoleRequests.IsSameOrigin(context))
            {
                throw new ConsoleRefusal(StatusCodes.Status403Forbidden, "a live socket must come from the console's own page");
            }

            if (connections.Count >= settings.MaxLiveConnections)
            {
                throw new ConsoleRefusal(StatusCodes.Status503ServiceUnavailable,
                    $"{settings.MaxLiveConnections} live connections are open (actorstream.web.max-live-connections); try again later");
            }
        }
        catch (ConsoleRefusal refusal)
        {
            await ConsoleJson.ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        // The hello goes first, before the feed's first stations and metrics can be queued.
        var queue = connections.Open(id, new LiveHello(id, NowMs(), ConsoleSession.Describe(context, settings)))
                    ?? throw new InvalidOperationException("a fresh live connection id is already open");
        var log = services.GetRequiredService<ILogger<LiveSocket>>();
        try
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            var live = new LiveSocket(socket, id, context.Connection.RemoteIpAddress?.ToString() ?? "unknown", settings, connections,
                services.GetRequiredService<ConsoleActors>(), log);
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            await live.RunAsync(queue, stopping, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            connections.Close(id);
        }
    }

    /// <param name="stopping">The seed is stopping: the page is told so (1001) rather than held until the host gives up on it.</param>
    private async Task RunAsync(ChannelReader<object> queue, CancellationToken stopping, CancellationToken aborted)
    {
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var writer = WriteAsync(queue, stopWriting.Token);
        // Cancelled at the end too, so that no waiting task stays registered with the host's token after the page.
        using var stoppingOrDone = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var seedStopping = Task.Delay(Timeout.Infinite, stoppingOrDone.Token);
        (WebSocketCloseStatus Status, string Reason)? close = null;
        try
        {
            close = await ReceiveAsync(writer, seedStopping, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            _log.LogDebug("Live socket {Id}: {Problem}", _id, ex.Message);
        }
        finally
        {
            await stoppingOrDone.CancelAsync().ConfigureAwait(false);
            StopChat();
            // The writer stops between sends (a cancelled send would abort the socket and lose the close reason).
            await stopWriting.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (close is null)
        {
            // Broken, or a receive is still pending on a page that stopped reading: no handshake to be had.
            _socket.Abort();
        }
        else if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var bounded = new CancellationTokenSource(CloseTimeout);
            try
            {
                var (status, reason) = close.Value;
                if (status != WebSocketCloseStatus.NormalClosure)
                {
                    _log.LogInformation("Live socket {Id} from {Address} closed: {Reason}", _id, _clientAddress, reason);
                }

                await _socket.CloseAsync(status, reason, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // The page did not finish the handshake: it is gone all the same.
            }
        }
    }

    /// <summary>Reads the page's messages until it closes, breaks a limit, or the writer gives up on it.</summary>
    /// <returns>The close to send (null when the socket is already broken).</returns>
    private async Task<(WebSocketCloseStatus, string)?> ReceiveAsync(Task writer, Task seedStopping, CancellationToken aborted)
    {
        var max = _settings.MaxSocketMessageBytes;
        var buffer = new byte[max + 1];
        while (true)
        {
            var length = 0;
            var frames = 0;
            WebSocketReceiveResult result;
            do
            {
                if (length > max)
                {
                    return Policy($"message over {max} bytes (actorstream.web.max-socket-message-bytes)");
                }

                // Empty continuation frames would make one message last for ever without costing its bucket anything.
                if (++frames > MaxFramesPerMessage)
                {
                    return Policy($"a message in more than {MaxFramesPerMessage} frames");
                }

                var receive = _socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), aborted);
                var first = await Task.WhenAny(receive, writer, seedStopping).ConfigureAwait(false);
                if (first == writer)
                {
                    // The page stopped reading (or its socket broke under the writer): end it.
                    return null;
                }

                if (first == seedStopping)
                {
                    // The close handshake completes the pending receive; the page reconnects when the seed is back.
                    return (WebSocketCloseStatus.EndpointUnavailable, "the seed is stopping");
                }

                result = await receive.ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (WebSocketCloseStatus.NormalClosure, "");
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (length > max)
            {
                return Policy($"message over {max} bytes (actorstream.web.max-socket-message-bytes)");
            }

            if (result.MessageType != WebSocketMessageType.Text)
            {
                return Policy("text (JSON) messages only");
            }

            if (_bucket.TryTake(_clock.Elapsed) > TimeSpan.Zero)
            {
                return Policy($"more than {_settings.SocketMessagesPerSecond:0.#} messages a second (actorstream.web.socket-messages-per-second)");
            }

            if (Handle(buffer.AsMemory(0, length)) is { } problem)
            {
                return Policy(problem);
            }
        }
    }

    private static (WebSocketCloseStatus, string) Policy(string reason) =>
        // A close reason is at most 123 bytes of UTF-8.
        (WebSocketCloseStatus.PolicyViolation, reason.Length <= 120 ? reason : reason[..120]);

    /// <summary>One message of the page. Returns a reason to close the socket, or null.</summary>
    private string? Handle(ReadOnlyMemory<byte> text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException)
        {
            return "not a JSON message";
        }

        using (document)
        {
            var message = document.RootElement;
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return "a message must be a JSON object with a \"type\"";
            }

            switch (type.GetString())
            {
                case "ping":
                    var id = message.TryGetProperty("id", out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt64(out var v) ? v : 0;
                    _connections.TryPost(_id, new LivePong(id, NowMs()));
                    break;
                case "chatJoin":
                    JoinChat(Text(message, "name"));
                    break;
                case "chatSay":
                    if (_chat is null)
                    {
                        _connections.TryPost(_id, new LiveChatRefused(ChatRefusalReason.Unavailable, "join the chat first (chatJoin)"));
                    }
                    else
                    {
                        _chat.Tell(new SayInChat(Text(message, "text")));
                    }

                    break;
                case "chatLeave":
                    StopChat();
                    break;
                case "latency":
                    var report = BrowserLatencyReport.From(message, _id, _clientAddress, DateTime.UtcNow, out var problem);
                    if (report is null)
                    {
                        _connections.TryPost(_id, new LiveError(problem));
                    }
                    else if (!_connections.IsWatching(_id, report.Station))
                    {
                        _connections.TryPost(_id, new LiveError($"latency: this page is not playing station {report.Station}"));
                    }
                    else
                    {
                        _actors.TellMetrics(report);
                    }

                    break;
                default:
                    // An unknown type is a newer page or a typo, not an attack: say so and go on.
                    _connections.TryPost(_id, new LiveError($"unknown message type '{Shorten(type.GetString()!)}'"));
                    break;
            }
        }

        return null;
    }

    private void JoinChat(string name)
    {
        // A second join (a new name) leaves the first: one chat per page.
        StopChat();
        try
        {
            var seed = Akka.Cluster.Cluster.Get(_actors.System).SelfAddress;
            var settings = new ChatParticipantSettings(name, $"web-{_id}", AcceptOtherName: false, seed, _actors.Timeout);
            // Numbered: the name of a chat just stopped may not be free yet.
            _chat = _actors.System.ActorOf(LiveChatSink.Props(_id, _connections, settings), LiveChatSink.NameFor($"{_id}-{++_chats}"));
        }
        catch (Exception ex) when (ex is Akka.Configuration.ConfigurationException or InvalidActorNameException)
        {
            _connections.TryPost(_id, new LiveChatRefused(ChatRefusalReason.Unavailable, $"the seed's chat cannot be joined: {ex.Message}"));
        }
    }

    private void StopChat()
    {
        if (_chat is not null)
        {
            _actors.System.Stop(_chat);
            _chat = null;
        }
    }

    /// <summary>Sends what is posted for this page, one message at a time, until told to stop or the page is gone.</summary>
    private async Task WriteAsync(ChannelReader<object> queue, CancellationToken stop)
    {
        try
        {
            while (await queue.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                while (queue.TryRead(out var message))
                {
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(message, message.GetType(), ConsoleJson.Options);
                    using var bounded = new CancellationTokenSource(SendTimeout);
                    await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, bounded.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _log.LogDebug("Live socket {Id}: a send failed: {Problem}", _id, ex.Message);
        }
    }

    private static string Text(JsonElement message, string key) =>
        message.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
