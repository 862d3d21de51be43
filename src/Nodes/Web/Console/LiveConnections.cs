using System.Collections.Concurrent;
using System.Threading.Channels;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The open /ws/live connections by id, so that other endpoints (a page's /ws/stream) can post a message to the
/// page's live socket. Each connection's outgoing messages are a bounded queue its socket writer drains; a
/// connection that does not keep up loses its oldest messages rather than holding anyone up. One per web host (a
/// singleton service), no static state.
/// </summary>
public sealed class LiveConnections
{
    /// <summary>Outgoing messages a connection may have waiting.</summary>
    public const int QueueLength = 256;

    private readonly ConcurrentDictionary<string, Channel<object>> _open = new(StringComparer.Ordinal);

    /// <summary>Connections open now.</summary>
    public int Count => _open.Count;

    /// <summary>Registers a new connection; its socket writer reads the returned queue until it is completed.</summary>
    /// <returns>null when <paramref name="connectionId"/> is already open.</returns>
    public ChannelReader<object>? Open(string connectionId)
    {
        var queue = Channel.CreateBounded<object>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        return _open.TryAdd(connectionId, queue) ? queue.Reader : null;
    }

    /// <summary>Queues <paramref name="message"/> (serialized as JSON, camelCase, by the socket writer) for a connection.</summary>
    /// <returns>false when no such connection is open.</returns>
    public bool TryPost(string connectionId, object message) =>
        _open.TryGetValue(connectionId, out var queue) && queue.Writer.TryWrite(message);

    /// <summary>Queues <paramref name="message"/> for every open connection.</summary>
    public void PostToAll(object message)
    {
        foreach (var queue in _open.Values)
        {
            queue.Writer.TryWrite(message);
        }
    }

    /// <summary>Forgets a connection and completes its queue.</summary>
    public void Close(string connectionId)
    {
        if (_open.TryRemove(connectionId, out var queue))
        {
            queue.Writer.TryComplete();
        }
    }
}
