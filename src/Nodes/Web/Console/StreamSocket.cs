using System.Net.WebSockets;
using System.Threading.Channels;
using ActorStream.Actors.Stations;
using ActorStream.Media.MpegTs;
using ActorStream.Messages.FanOut;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// GET /ws/stream/{station}?live={connectionId}: a browser's video. The station's fan-out gets a stream sink
/// (<see cref="AttachStreamSink"/>) and this socket sends what it hands over as binary messages, MPEG-TS from a
/// keyframe on, for mpegts.js. Several chunks that are waiting go out as one message (fewer frames, less CPU). What
/// mpegts.js cannot take on this socket goes to the page's live socket (<see cref="LiveConnections"/>): the stream's
/// clock reports, and once the first frames are known the PTS they start at (mpegts.js counts media time from the
/// earlier of them), from which the page works out each shown frame's capture time. The sink is detached however the
/// socket ends.
/// </summary>
public sealed class StreamSocket
{
    /// <summary>The largest binary message sent: what is waiting, up to this.</summary>
    public const int MaxMessageBytes = 64 * 1024;

    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);

    private readonly ActorSystem _system;
    private readonly LiveConnections _live;
    private readonly int _queueChunks;
    private readonly int _maxConnections;
    private readonly ILogger _log;
    private int _open;

    /// <param name="queueChunks">Items a socket may have waiting (actorstream.web.stream-queue-chunks).</param>
    /// <param name="maxConnections">Video sockets open at once (actorstream.web.max-stream-connections).</param>
    public StreamSocket(ActorSystem system, LiveConnections live, int queueChunks, int maxConnections, ILogger log)
    {
        _system = system;
        _live = live;
        _queueChunks = queueChunks;
        _maxConnections = maxConnections;
        _log = log;
    }

    /// <summary>Video sockets open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>GET /ws/stream/{station}: who may watch is the console's rule, then <see cref="HandleAsync"/>.</summary>
    public static async Task HandleRequestAsync(HttpContext context)
    {
        var services = context.RequestServices;
        try
        {
            services.GetRequiredService<ConsoleRequests>().RequireWatch(context);
            if (!ConsoleRequests.IsSameOrigin(context))
            {
                throw new ConsoleRefusal(StatusCodes.Status403Forbidden, "a video socket must come from the console's own page");
            }
        }
        catch (ConsoleRefusal refusal)
        {
            await ConsoleJson.ErrorAsync(context, refusal.Status, refusal.Message).ConfigureAwait(false);
            return;
        }

        var station = context.Request.RouteValues["station"] as string ?? "";
        await services.GetRequiredService<StreamSocket>().HandleAsync(context, station).ConfigureAwait(false);
    }

    public async Task HandleAsync(HttpContext context, string station)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ConsoleJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "/ws/stream/STATION is a WebSocket").ConfigureAwait(false);
            return;
        }

        if (StationNames.Problem(station) is { } problem)
        {
            await ConsoleJson.ErrorAsync(context, StatusCodes.Status400BadRequest, problem).ConfigureAwait(false);
            return;
        }

        if (Interlocked.Increment(ref _open) > _maxConnections)
        {
            Interlocked.Decrement(ref _open);
            await ConsoleJson.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                $"{_maxConnections} video sockets are open already (actorstream.web.max-stream-connections)").ConfigureAwait(false);
            return;
        }

        try
        {
            var liveId = context.Request.Query["live"].ToString();
            var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await StreamAsync(socket, station, liveId.Length is > 0 and <= 64 ? liveId : null, stopping, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The page went during the handshake or while its station was looked up.
            _log.LogDebug("Video socket of station {Station} ended early: {Problem}", station, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }

    /// <param name="stopping">The seed is stopping: the page is told so (1001) rather than held until the host gives up on it.</param>
    private async Task StreamAsync(WebSocket socket, string station, string? liveId, CancellationToken stopping, CancellationToken aborted)
    {
        IActorRef fanout;
        try
        {
            fanout = await _system.ActorSelection($"/user/{StationsSupervisor.Name}/{station}/fanout")
                .ResolveOne(AskTimeout, aborted).ConfigureAwait(false);
        }
        catch (ActorNotFoundException)
        {
            await CloseAsync(socket, WebSocketCloseStatus.PolicyViolation, $"no station {station}").ConfigureAwait(false);
            return;
        }

        var items = Channel.CreateBounded<StreamSinkItem>(new BoundedChannelOptions(_queueChunks)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = true,
        });
        var id = Guid.NewGuid().ToString("N");
        // The page sends nothing on this socket; reading (never cancelled: that would abort the socket) is how its close
        // or its going away is noticed.
        var incoming = ReadUntilCloseAsync(socket);
        (WebSocketCloseStatus Status, string Reason)? close;
        try
        {
            close = await RunSinkAsync(socket, fanout, id, items, station, liveId, incoming, stopping, aborted).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            close = (WebSocketCloseStatus.InternalServerError, $"station {station} did not answer in time; try again");
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
            close = null;
        }
        finally
        {
            // Always: an attach that timed out or was abandoned may still have happened.
            fanout.Tell(new DetachStreamSink(id));
            if (liveId is not null)
            {
                _live.StopWatching(liveId, id);
            }
        }

        await FinishAsync(socket, incoming, close).ConfigureAwait(false);
    }

    /// <summary>Attaches the sink and sends until the page goes, the station stops or the seed stops.</summary>
    /// <returns>The close to send (none when the page closed first or the socket broke).</returns>
    private async Task<(WebSocketCloseStatus, string)?> RunSinkAsync(WebSocket socket, IActorRef fanout, string id,
        Channel<StreamSinkItem> items, string station, string? liveId, Task<bool> incoming, CancellationToken stopping,
        CancellationToken aborted)
    {
        var answer = await fanout.Ask(new AttachStreamSink(id, items.Writer), AskTimeout, aborted).ConfigureAwait(false);
        if (answer is not StreamSinkAttached attached)
        {
            return (WebSocketCloseStatus.InternalServerError,
                answer is DestinationRejected rejected ? rejected.Reason : $"the station answered {answer.GetType().Name}");
        }

        if (liveId is not null)
        {
            _live.StartWatching(liveId, station, id);
        }

        _log.LogInformation("Browser video of station {Station} started ({Sink})", station, attached.Name);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var sending = SendAsync(socket, station, liveId, items.Reader, stop.Token, aborted);
        var first = await Task.WhenAny(sending, incoming).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await sending.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _log.LogInformation("Browser video of station {Station} ended ({Sink})", station, attached.Name);
        if (first == incoming)
        {
            // The page closed, broke, or spoke on a socket that only sends.
            return await incoming.ConfigureAwait(false) ? null : (WebSocketCloseStatus.PolicyViolation, "this socket only sends video");
        }

        return stopping.IsCancellationRequested
            ? (WebSocketCloseStatus.EndpointUnavailable, "the seed is stopping")
            : sending.IsCompletedSuccessfully ? (WebSocketCloseStatus.NormalClosure, $"station {station} stopped") : null;
    }

    /// <summary>Reads until the page's close (true) or a message from it (false); a broken connection counts as closed.</summary>
    private static async Task<bool> ReadUntilCloseAsync(WebSocket socket)
    {
        var buffer = new byte[256];
        try
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None).ConfigureAwait(false);
            return result.MessageType == WebSocketMessageType.Close;
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>Answers the page's close, or sends ours and waits briefly for its answer; a page that does not answer is cut off.</summary>
    private static async Task FinishAsync(WebSocket socket, Task<bool> incoming, (WebSocketCloseStatus Status, string Reason)? close)
    {
        if (socket.State == WebSocketState.CloseReceived)
        {
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
            return;
        }

        if (close is { } ours && socket.State == WebSocketState.Open)
        {
            await CloseAsync(socket, ours.Status, ours.Reason).ConfigureAwait(false);
        }

        if (!incoming.IsCompleted && await Task.WhenAny(incoming, Task.Delay(CloseWait)).ConfigureAwait(false) != incoming)
        {
            socket.Abort();
        }
    }

    /// <param name="token">Ends the wait for more of the stream (the page went or closed).</param>
    /// <param name="aborted">Ends a send (as does <see cref="SendTimeout"/>): a cancelled send aborts the socket, so only the
    /// connection's end may.</param>
    private async Task SendAsync(WebSocket socket, string station, string? liveId, ChannelReader<StreamSinkItem> reader,
        CancellationToken token, CancellationToken aborted)
    {
        var buffer = new byte[MaxMessageBytes];
        var start = new StreamStartFinder();
        while (await reader.WaitToReadAsync(token).ConfigureAwait(false))
        {
            var length = 0;
            while (length < MaxMessageBytes && reader.TryPeek(out var item))
            {
                if (item.Clock is { } clock)
                {
                    reader.TryRead(out _);
                    if (liveId is not null)
                    {
                        _live.TryPost(liveId, new
                        {
                            type = "clock", station, pts = clock.Pts,
                            captureUtcMs = new DateTimeOffset(DateTime.SpecifyKind(clock.CaptureUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
                            encoderRun = clock.EncoderRun,
                        });
                    }

                    continue;
                }

                if (length > 0 && length + item.Chunk.Length > MaxMessageBytes)
                {
                    break;
                }

                reader.TryRead(out _);
                if (item.Chunk.Length > MaxMessageBytes)
                {
                    // Only the first, tables-and-keyframe chunk could be; it goes alone.
                    await SendBoundedAsync(socket, item.Chunk, aborted).ConfigureAwait(false);
                    Observe(start, item.Chunk, station, liveId);
                    continue;
                }

                item.Chunk.Span.CopyTo(buffer.AsSpan(length));
                length += item.Chunk.Length;
            }

            if (length > 0)
            {
                var message = buffer.AsMemory(0, length);
                await SendBoundedAsync(socket, message, aborted).ConfigureAwait(false);
                Observe(start, message, station, liveId);
            }
        }
    }

    /// <summary>A page that takes nothing for <see cref="SendTimeout"/> is gone (its socket is aborted, its slot freed).</summary>
    private static async Task SendBoundedAsync(WebSocket socket, ReadOnlyMemory<byte> data, CancellationToken aborted)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        bounded.CancelAfter(SendTimeout);
        await socket.SendAsync(data, WebSocketMessageType.Binary, true, bounded.Token).ConfigureAwait(false);
    }

    /// <summary>Tells the page, once, the PTS of the first video and audio frame it was sent.</summary>
    private void Observe(StreamStartFinder start, ReadOnlyMemory<byte> sent, string station, string? liveId)
    {
        if (start.Done || start.Feed(sent.Span) is not { } found || liveId is null)
        {
            return;
        }

        _live.TryPost(liveId, new
        {
            type = "streamStart", station,
            videoPtsMs = found.VideoPts / 90,
            audioPtsMs = found.AudioPts is { } audio ? audio / 90 : (long?)null,
        });
    }

    private static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            // A close reason is at most 123 bytes.
            var text = reason.Length > 120 ? reason[..120] : reason;
            await socket.CloseOutputAsync(status, text, bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
    }
}
