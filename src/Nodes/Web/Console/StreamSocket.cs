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
        object answer;
        try
        {
            answer = await fanout.Ask(new AttachStreamSink(id, items.Writer), AskTimeout, aborted).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // It may still attach: then it stops as soon as it finds its reader gone.
            fanout.Tell(new DetachStreamSink(id));
            await CloseAsync(socket, WebSocketCloseStatus.InternalServerError, $"station {station} did not answer in time; try again").ConfigureAwait(false);
            return;
        }

        if (answer is not StreamSinkAttached attached)
        {
            var why = answer is DestinationRejected rejected ? rejected.Reason : $"the station answered {answer.GetType().Name}";
            await CloseAsync(socket, WebSocketCloseStatus.InternalServerError, why).ConfigureAwait(false);
            return;
        }

        _log.LogInformation("Browser video of station {Station} started ({Sink})", station, attached.Name);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        // The page sends nothing on this socket; reading is how its going away (or a close) is noticed.
        var reading = DrainIncomingAsync(socket, stop);
        try
        {
            await SendAsync(socket, station, liveId, items.Reader, stop.Token, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException)
        {
        }
        finally
        {
            fanout.Tell(new DetachStreamSink(id));
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
            _log.LogInformation("Browser video of station {Station} ended ({Sink})", station, attached.Name);
        }

        // The page closed (answer its close), the seed or the station stopped (say so).
        if (socket.State == WebSocketState.CloseReceived)
        {
            await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "bye").ConfigureAwait(false);
        }
        else if (socket.State == WebSocketState.Open)
        {
            await CloseAsync(socket, stopping.IsCancellationRequested ? WebSocketCloseStatus.EndpointUnavailable : WebSocketCloseStatus.NormalClosure,
                stopping.IsCancellationRequested ? "the seed is stopping" : $"station {station} stopped").ConfigureAwait(false);
        }
    }

    /// <param name="token">Ends the wait for more of the stream (the page went or closed).</param>
    /// <param name="aborted">Ends a send: only the connection's end may, since a cancelled send aborts the socket.</param>
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
                    await socket.SendAsync(item.Chunk, WebSocketMessageType.Binary, true, aborted).ConfigureAwait(false);
                    Observe(start, item.Chunk, station, liveId);
                    continue;
                }

                item.Chunk.Span.CopyTo(buffer.AsSpan(length));
                length += item.Chunk.Length;
            }

            if (length > 0)
            {
                var message = buffer.AsMemory(0, length);
                await socket.SendAsync(message, WebSocketMessageType.Binary, true, aborted).ConfigureAwait(false);
                Observe(start, message, station, liveId);
            }
        }
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

    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[256];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }

        await stop.CancelAsync().ConfigureAwait(false);
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
