using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Dispatch;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// TCP remoting for one actor system: one listener (inbound associations, read only) and one
/// <see cref="EndpointWriter"/> per remote address (outbound, write only). Frames are length-prefixed
/// (4-byte big-endian) with a maximum size; every connection starts with the authenticated handshake.
/// </summary>
public sealed class RemoteTransport : IAsyncDisposable
{
    private readonly ActorSystemImpl _system;
    private readonly ConcurrentDictionary<Address, EndpointWriter> _writers = new();
    private readonly ConcurrentDictionary<Address, long> _peerUids = new();
    private readonly ConcurrentDictionary<InboundConnection, Task> _inbound = new();
    private readonly CancellationTokenSource _stop = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _watchLoop = Task.CompletedTask;
    private RemoteActorRefProvider? _provider;
    private int _closed;

    internal RemoteTransport(ActorSystemImpl system, RemoteSettings settings, ProviderKind kind)
    {
        _system = system;
        Settings = settings;
        Kind = kind;
        Log = system.LoggerFactory.CreateLogger("ActorStream.Runtime.Remote");
        // A fresh random uid per incarnation: a restarted node on the same address is told apart by it.
        long uid;
        do uid = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8)); while (uid == 0);
        Uid = uid;
    }

    public RemoteSettings Settings { get; }
    public ProviderKind Kind { get; }
    public RemoteCounters Counters { get; } = new();

    /// <summary>This incarnation's unique id (carried in every handshake).</summary>
    public long Uid { get; }

    /// <summary>This node's address (with the port actually bound).</summary>
    public Address Address { get; private set; } = null!;

    internal ILogger Log { get; }
    internal Handshake Handshake { get; private set; } = null!;

    /// <summary>
    /// Raised when a peer address shows a new uid: that node restarted (old incarnation, old uid). Associations
    /// and watches of the old incarnation are already dropped when this runs.
    /// </summary>
    public event Action<Address, long, long>? PeerRestarted;

    /// <summary>Raised for every authenticated association (inbound or outbound).</summary>
    public event Action<PeerIdentity>? PeerAssociated;

    internal Address Bind(string systemName)
    {
        var ip = IPAddress.TryParse(Settings.Hostname, out var parsed) ? parsed : IPAddress.Any;
        _listener = new TcpListener(ip, Settings.Port);
        _listener.Start(128);
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Address = new Address(Actor.Address.DefaultProtocol, systemName, Settings.Hostname, port);
        Handshake = new Handshake(Settings.Secret, Address, Uid);
        return Address;
    }

    internal void Start(RemoteActorRefProvider provider)
    {
        _provider = provider;
        _acceptLoop = Task.Run(() => AcceptAsync(_stop.Token));
        // With provider = remote, nobody else decides that a node is gone: watches of an address whose
        // connection cannot be re-established for watch-failure-after end in Terminated. In a cluster, the
        // membership (down/remove) decides, so a slow reconnect never fakes a death.
        if (Kind == ProviderKind.Remote) _watchLoop = Task.Run(() => WatchHeartbeatAsync(_stop.Token));
        Log.LogInformation("Remoting listening on {Address} (uid {Uid})", Address, Uid);
    }

    private RemoteActorRefProvider Provider => _provider ?? throw new InvalidOperationException("Remoting not started");

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener!.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (cancellationToken.IsCancellationRequested) return;
                Log.LogWarning("Accept failed: {Error}", e.Message);
                continue;
            }
            var connection = new InboundConnection(this, client);
            var task = Task.Run(() => connection.RunAsync(cancellationToken), CancellationToken.None);
            _inbound[connection] = task;
            _ = task.ContinueWith(_ => _inbound.TryRemove(connection, out Task? _), TaskScheduler.Default);
        }
    }

    private async Task WatchHeartbeatAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Settings.WatchHeartbeatInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var address in Provider.Watcher.WatchedAddresses())
                {
                    var writer = WriterFor(address);
                    if (writer.FailingFor > Settings.WatchFailureAfter)
                    {
                        Log.LogWarning("{Address} unreachable for {Time}: watched actors there are terminated", address, writer.FailingFor);
                        Provider.Watcher.AddressTerminated(address);
                        continue;
                    }
                    // A ping keeps the association tried, so a dead peer shows up as a failing connection.
                    writer.TryEnqueue(new OutboundItem(new WireWriter(FrameKind.Ping).ToFrame(), null, null, null));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private EndpointWriter WriterFor(Address address)
    {
        if (_writers.TryGetValue(address, out var existing)) return existing;
        var created = new EndpointWriter(this, address);
        var winner = _writers.GetOrAdd(address, created);
        if (!ReferenceEquals(winner, created)) _ = created.DisposeAsync().AsTask();
        return winner;
    }

    internal void Send(RemoteActorRef recipient, object message, IActorRef? sender, string? selection)
    {
        if (Volatile.Read(ref _closed) != 0)
        {
            DeadLetter(new OutboundItem([], message, sender, recipient));
            return;
        }
        if (!Provider.Serializer.TrySerialize(message, out var manifest, out var payload))
        {
            Log.LogError("Cannot send {Type} to {Recipient}: the type is not registered in the MessageRegistry", message.GetType().FullName, recipient.Path);
            DeadLetter(new OutboundItem([], message, sender, recipient));
            return;
        }
        var w = new WireWriter(FrameKind.Message);
        w.WriteByte(selection is null ? (byte)0 : (byte)1);
        w.WriteString(selection is null ? recipient.Path.ToSerializationFormat() : recipient.Path.Address + selection);
        w.WriteString(sender is null || sender.Equals(ActorRefs.Nobody) ? "" : sender.Path.ToSerializationFormat());
        w.WriteString(manifest);
        w.WriteBytes(payload);
        var frame = w.ToFrame();
        if (frame.Length - 4 > Settings.MaximumFrameSize)
        {
            Log.LogError("Message {Type} to {Recipient} is {Size} bytes, over maximum-frame-size: not sent", message.GetType().Name, recipient.Path, frame.Length);
            DeadLetter(new OutboundItem([], message, sender, recipient));
            return;
        }
        Enqueue(recipient.Path.Address, new OutboundItem(frame, message, sender, recipient));
    }

    internal void SendSystem(Address target, FrameKind kind, string first, string second, bool flag)
    {
        if (Volatile.Read(ref _closed) != 0) return;
        var w = new WireWriter(kind);
        w.WriteString(first);
        w.WriteString(second);
        w.WriteByte(flag ? (byte)1 : (byte)0);
        Enqueue(target, new OutboundItem(w.ToFrame(), null, null, null));
    }

    private void Enqueue(Address target, OutboundItem item)
    {
        if (!WriterFor(target).TryEnqueue(item)) DeadLetter(item);
    }

    internal void DeadLetter(OutboundItem item)
    {
        if (item.Message is null) return;
        Counters.DeadLetter();
        _system.PublishDeadLetter(item.Message, item.Sender, item.Recipient ?? _system.DeadLetters);
    }

    internal void OnPeerIdentified(PeerIdentity peer)
    {
        long previous = 0;
        _peerUids.AddOrUpdate(peer.Address, peer.Uid, (_, old) =>
        {
            previous = old;
            return peer.Uid;
        });
        if (previous != 0 && previous != peer.Uid)
        {
            Log.LogInformation("{Address} restarted (uid {Old} -> {New}): old association and watches dropped", peer.Address, previous, peer.Uid);
            if (_writers.TryGetValue(peer.Address, out var writer) && writer.Peer is { } known && known.Uid != peer.Uid &&
                _writers.TryRemove(new KeyValuePair<Address, EndpointWriter>(peer.Address, writer)))
            {
                _ = writer.DisposeAsync().AsTask();
            }
            Provider.Watcher.AddressTerminated(peer.Address);
            PeerRestarted?.Invoke(peer.Address, previous, peer.Uid);
        }
        PeerAssociated?.Invoke(peer);
    }

    /// <summary>The uid last seen for <paramref name="address"/>, or 0.</summary>
    public long PeerUid(Address address) => _peerUids.TryGetValue(address, out var uid) ? uid : 0;

    internal void HandleFrame(PeerIdentity peer, byte[] body)
    {
        try
        {
            var r = new WireReader(body);
            var kind = (FrameKind)r.ReadByte();
            switch (kind)
            {
                case FrameKind.Message:
                    HandleMessage(peer, ref r);
                    break;
                case FrameKind.Watch:
                case FrameKind.Unwatch:
                case FrameKind.DeathWatchNotification:
                    HandleSystem(kind, ref r);
                    break;
                case FrameKind.Ping:
                    break;
                default:
                    Counters.Dropped();
                    Log.LogWarning("Dropped a frame of unknown kind {Kind} from {Peer}", (byte)kind, peer.Address);
                    break;
            }
        }
        catch (ProtocolException e)
        {
            Counters.Dropped();
            Log.LogWarning("Dropped a malformed frame from {Peer}: {Error}", peer.Address, e.Message);
        }
    }

    private void HandleMessage(PeerIdentity peer, ref WireReader r)
    {
        var isSelection = r.ReadByte() == 1;
        var recipientText = r.ReadString();
        var senderText = r.ReadString();
        var manifest = r.ReadString();
        var payload = r.ReadBytes();
        object message;
        try
        {
            if (!Provider.Serializer.TryDeserialize(manifest, payload, out message))
            {
                Counters.Dropped();
                Log.LogWarning("Dropped a message with unknown manifest '{Manifest}' from {Peer}", manifest, peer.Address);
                return;
            }
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            Counters.Dropped();
            Log.LogWarning("Dropped a '{Manifest}' message from {Peer} whose payload does not parse: {Error}", manifest, peer.Address, e.Message);
            return;
        }
        var sender = senderText.Length == 0 ? null : Provider.ResolveActorRef(senderText);
        if (isSelection)
        {
            var slash = recipientText.IndexOf('/', recipientText.IndexOf("://", StringComparison.Ordinal) + 3);
            if (slash < 0 || !Address.TryParse(recipientText[..slash], out var address) || !address.Equals(Address))
            {
                Counters.Dropped();
                return;
            }
            _system.ActorSelection(recipientText[slash..]).Tell(message, sender);
            return;
        }
        if (!ActorPath.TryParse(recipientText, out var recipient) || !recipient.Address.Equals(Address))
        {
            // Never relay: a frame for another address is not ours to deliver.
            Counters.Dropped();
            Log.LogWarning("Dropped a message for {Recipient} from {Peer}: not an actor of this node", recipientText, peer.Address);
            return;
        }
        Provider.ResolveActorRef(recipient).Tell(message, sender);
    }

    private void HandleSystem(FrameKind kind, ref WireReader r)
    {
        var first = r.ReadString();
        var second = r.ReadString();
        var flag = r.ReadByte() == 1;
        if (!ActorPath.TryParse(first, out var firstPath) || !ActorPath.TryParse(second, out var secondPath))
        {
            Counters.Dropped();
            return;
        }
        switch (kind)
        {
            case FrameKind.Watch:
            case FrameKind.Unwatch:
            {
                // first: our actor (watchee); second: the remote watcher.
                if (Provider.ResolveActorRef(secondPath) is not RemoteActorRef watcher) return;
                var watchee = firstPath.Address.Equals(Address) ? Provider.ResolveActorRef(firstPath) as IInternalActorRef : null;
                if (watchee is null || watchee.Equals(_system.DeadLetters))
                {
                    // No such actor (or incarnation): the watcher learns at once, for the path it watched.
                    if (kind == FrameKind.Watch) SendSystem(watcher.Path.Address, FrameKind.DeathWatchNotification, first, second, false);
                    return;
                }
                if (kind == FrameKind.Watch) watchee.SendSystemMessage(new Watch(watchee, watcher));
                else watchee.SendSystemMessage(new Unwatch(watchee, watcher));
                break;
            }
            case FrameKind.DeathWatchNotification:
            {
                // first: the remote actor that died; second: our watcher.
                if (!secondPath.Address.Equals(Address) || Provider.ResolveActorRef(secondPath) is not IInternalActorRef watcher) return;
                Provider.Watcher.Notified(firstPath, watcher, flag);
                break;
            }
        }
    }

    /// <summary>
    /// Test hook that simulates kill -9 of this node's networking: the listener and every connection close at
    /// once, nothing queued is flushed, and nothing more is sent or accepted.
    /// </summary>
    public async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        foreach (var connection in _inbound.Keys) connection.Dispose();
        await Task.WhenAll(_writers.Values.Select(w => w.DisposeAsync().AsTask())).ConfigureAwait(false);
        _writers.Clear();
    }

    /// <summary>Flushes queued frames (bounded, 1 s), then closes the listener and every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        await Task.WhenAll(_writers.Values.Select(w => w.CloseAsync(TimeSpan.FromSeconds(1)))).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener?.Stop();
        foreach (var connection in _inbound.Keys) connection.Dispose();
        try
        {
            await Task.WhenAll(_acceptLoop, _watchLoop).WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
