using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The open /ws/live connections by id, so that other endpoints (a page's /ws/stream) can post a message to the
/// page's live socket. Each connection's outgoing messages are a bounded queue its socket writer drains; a
/// connection whose queue is full has stopped reading: its queue is completed, which ends its socket (the page
/// reconnects and starts afresh), rather than losing messages in silence — chat events must come once and in order —
/// or holding anyone up. One per web host (a singleton service), no static state.
/// </summary>
public sealed class LiveConnections
{
    /// <summary>Outgoing messages a connection may have waiting.</summary>
    public const int QueueLength = 256;

    private readonly ConcurrentDictionary<string, Channel<object>> _open = new(StringComparer.Ordinal);

    // The station each connection's page is playing now, by its video socket (one per page at a time).
    private readonly ConcurrentDictionary<string, (string Station, string Stream)> _watching = new(StringComparer.Ordinal);

    /// <summary>Connections open now.</summary>
    public int Count => _open.Count;

    /// <summary>Registers a new connection; its socket writer reads the returned queue until it is completed.</summary>
    /// <param name="first">Queued before anyone can post to the connection (its hello).</param>
    /// <returns>null when <paramref name="connectionId"/> is already open.</returns>
    public ChannelReader<object>? Open(string connectionId, object? first = null)
    {
        var queue = Channel.CreateBounded<object>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        if (first is not null)
        {
            queue.Writer.TryWrite(first);
        }

        return _open.TryAdd(connectionId, queue) ? queue.Reader : null;
    }

    /// <summary>Queues <paramref name="message"/> (serialized as JSON, camelCase, by the socket writer) for a connection.</summary>
    /// <returns>false when no such connection is open.</returns>
    public bool TryPost(string connectionId, object message) =>
        _open.TryGetValue(connectionId, out var queue) && Post(queue, message);

    /// <summary>Queues <paramref name="message"/> for every open connection.</summary>
    public void PostToAll(object message)
    {
        foreach (var queue in _open.Values)
        {
            Post(queue, message);
        }
    }

    private static bool Post(Channel<object> queue, object message)
    {
        if (queue.Writer.TryWrite(message))
        {
            return true;
        }

        // Full (the page stopped reading) or already completed.
        queue.Writer.TryComplete();
        return false;
    }

    /// <summary>Forgets a connection and completes its queue.</summary>
    public void Close(string connectionId)
    {
        _watching.TryRemove(connectionId, out _);
        if (_open.TryRemove(connectionId, out var queue))
        {
            queue.Writer.TryComplete();
        }
    }

    /// <summary>The page of an open connection plays <paramref name="station"/> through video socket <paramref name="stream"/>.</summary>
    /// <returns>false when no such connection is open.</returns>
    public bool StartWatching(string connectionId, string station, string stream)
    {
        if (!_open.ContainsKey(connectionId))
        {
            return false;
        }

        _watching[connectionId] = (station, stream);
        return true;
    }

    /// <summary>Video socket <paramref name="stream"/> ended (a newer one of the same page is left alone).</summary>
    public void StopWatching(string connectionId, string stream) =>
        _watching.TryRemove(new KeyValuePair<string, (string, string)>(connectionId,
            _watching.TryGetValue(connectionId, out var now) && now.Stream == stream ? now : default));

    /// <summary>Whether the connection's page plays <paramref name="station"/> now: only then may it report on it, so
    /// a page cannot fill the metrics with viewers of stations it does not watch.</summary>
    public bool IsWatching(string connectionId, string station) =>
        _watching.TryGetValue(connectionId, out var now) && string.Equals(now.Station, station, StringComparison.Ordinal);
}
