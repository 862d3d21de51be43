using System.Net.Sockets;
using System.Threading.Channels;
using ActorStream.Runtime.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// The outbound association to one remote address: a bounded queue and one TCP connection that only this
/// node writes to (the peer sends to us over its own outbound connection, so each direction has one writer
/// and no connection is shared between two sides). Connects on demand, handshakes, and after a failure is
/// "gated" for a backoff (doubling from reconnect-min-backoff to reconnect-max-backoff) during which messages
/// go straight to dead letters, counted; the next message after the gate reconnects.
/// </summary>
internal sealed class EndpointWriter : IAsyncDisposable
{
    private const int BatchSize = 64;
    private readonly RemoteTransport _transport;
    private readonly Channel<OutboundItem> _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly object _lock = new();
    private Connection? _connection;
    private long _gatedUntilMs;
    private TimeSpan _backoff;
    private long _failingSinceMs = -1;
    private bool _warned;

    public EndpointWriter(RemoteTransport transport, Address remote)
    {
        _transport = transport;
        Remote = remote;
        _backoff = transport.Settings.ReconnectMinBackoff;
        _queue = Channel.CreateBounded<OutboundItem>(new BoundedChannelOptions(transport.Settings.SendQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public Address Remote { get; }

    /// <summary>The peer's identity once a handshake succeeded.</summary>
    public PeerIdentity? Peer { get; private set; }

    /// <summary>True while a connection is up.</summary>
    public bool IsConnected => Volatile.Read(ref _connection) is not null;

    /// <summary>How long connecting has been failing (zero while fine or never tried).</summary>
    public TimeSpan FailingFor
    {
        get
        {
            var since = Interlocked.Read(ref _failingSinceMs);
            return since < 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Environment.TickCount64 - since);
        }
    }

    /// <summary>Queues a frame; false (the caller dead-letters it) when gated or the queue is full.</summary>
    public bool TryEnqueue(OutboundItem item)
    {
        if (Environment.TickCount64 < Interlocked.Read(ref _gatedUntilMs)) return false;
        return _queue.Writer.TryWrite(item);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!_queue.Reader.TryRead(out var item)) continue;
                if (Environment.TickCount64 < Interlocked.Read(ref _gatedUntilMs))
                {
                    _transport.DeadLetter(item);
                    continue;
                }
                var connection = Volatile.Read(ref _connection) ?? await ConnectAsync(cancellationToken).ConfigureAwait(false);
                if (connection is null)
                {
                    _transport.DeadLetter(item);
                    DrainToDeadLetters();
                    continue;
                }
                await WriteBatchAsync(connection, item, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            DrainToDeadLetters();
            DropConnection(Volatile.Read(ref _connection));
        }
    }

    private async Task WriteBatchAsync(Connection connection, OutboundItem first, CancellationToken cancellationToken)
    {
        var item = first;
        try
        {
            for (var n = 0; ; n++)
            {
                await connection.Stream.WriteAsync(item.Frame, cancellationToken).ConfigureAwait(false);
                _transport.Counters.FrameOut(item.Frame.Length);
                if (n >= BatchSize || !_queue.Reader.TryRead(out item)) break;
            }
            await connection.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException && !cancellationToken.IsCancellationRequested)
        {
            _transport.Log.LogWarning("Connection to {Remote} lost while sending: {Error}", Remote, e.Message);
            DropConnection(connection);
            MarkFailed();
            _transport.DeadLetter(item);
        }
    }

    private async Task<Connection?> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new TcpClient { NoDelay = true };
        try
        {
            using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connectTimeout.CancelAfter(_transport.Settings.ConnectTimeout);
                await client.ConnectAsync(Remote.Host!, Remote.Port!.Value, connectTimeout.Token).ConfigureAwait(false);
            }
            var stream = client.GetStream();
            var reader = new FrameReader(stream);
            PeerIdentity peer;
            using (var handshakeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                handshakeTimeout.CancelAfter(_transport.Settings.HandshakeTimeout);
                peer = await _transport.Handshake.RunClientAsync(stream, reader, handshakeTimeout.Token).ConfigureAwait(false);
            }
            if (!peer.Address.Equals(Remote))
                throw new ProtocolException($"Dialled {Remote} but the peer says it is {peer.Address}");
            var connection = new Connection(client, stream);
            lock (_lock) _connection = connection;
            Peer = peer;
            Interlocked.Exchange(ref _failingSinceMs, -1);
            _backoff = _transport.Settings.ReconnectMinBackoff;
            if (_warned) _transport.Log.LogInformation("Association with {Remote} re-established", Remote);
            _warned = false;
            _transport.Log.LogDebug("Associated with {Remote} (uid {Uid})", Remote, peer.Uid);
            _ = WatchForCloseAsync(connection, reader);
            _transport.OnPeerIdentified(peer);
            return connection;
        }
        catch (ProtocolException e)
        {
            client.Dispose();
            _transport.Log.LogError("Handshake with {Remote} failed, connection closed: {Error}", Remote, e.Message);
            _warned = true;
            MarkFailed();
            return null;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            client.Dispose();
            var reason = e is OperationCanceledException ? "timed out" : e.Message;
            if (!_warned) _transport.Log.LogWarning("Cannot reach {Remote} ({Reason}); messages to it go to dead letters until it answers", Remote, reason);
            else _transport.Log.LogDebug("Still cannot reach {Remote} ({Reason})", Remote, reason);
            _warned = true;
            MarkFailed();
            return null;
        }
    }

    // The peer never writes on our outbound connection after the handshake: a read that ends means it is gone.
    private async Task WatchForCloseAsync(Connection connection, FrameReader reader)
    {
        try
        {
            await reader.ReadAsync(Handshake.MaximumHandshakeFrame, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or ProtocolException or OperationCanceledException)
        {
        }
        if (!_stop.IsCancellationRequested && ReferenceEquals(Volatile.Read(ref _connection), connection))
        {
            _transport.Log.LogInformation("Association with {Remote} closed by the peer", Remote);
            DropConnection(connection);
        }
    }

    private void MarkFailed()
    {
        Interlocked.CompareExchange(ref _failingSinceMs, Environment.TickCount64, -1);
        Interlocked.Exchange(ref _gatedUntilMs, Environment.TickCount64 + (long)_backoff.TotalMilliseconds);
        var doubled = _backoff * 2;
        _backoff = doubled > _transport.Settings.ReconnectMaxBackoff ? _transport.Settings.ReconnectMaxBackoff : doubled;
    }

    private void DropConnection(Connection? connection)
    {
        if (connection is null) return;
        lock (_lock)
        {
            if (ReferenceEquals(_connection, connection)) _connection = null;
        }
        connection.Dispose();
    }

    private void DrainToDeadLetters()
    {
        while (_queue.Reader.TryRead(out var item)) _transport.DeadLetter(item);
    }

    /// <summary>Sends what is queued (bounded by <paramref name="flushTimeout"/>), then closes.</summary>
    public async Task CloseAsync(TimeSpan flushTimeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(flushTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        await DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Closes at once, dropping what is queued (the abrupt path, as when a process is killed).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stop.CancelAsync().ConfigureAwait(false);
        DropConnection(Volatile.Read(ref _connection));
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private sealed class Connection(TcpClient client, NetworkStream stream) : IDisposable
    {
        public NetworkStream Stream { get; } = stream;

        public void Dispose()
        {
            Stream.Dispose();
            client.Dispose();
        }
    }
}
