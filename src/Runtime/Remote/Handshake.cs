using System.Security.Cryptography;
using System.Text;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// The association handshake. Both sides exchange Hello (protocol version, system name, address, incarnation
/// uid, a fresh 32-byte nonce), then each proves it knows the cluster secret with HMAC-SHA256 over both nonces,
/// both addresses and both uids. The secret never travels; the nonces make every proof single-use. The client
/// proves first and the server answers its own proof only after checking the client's, so a stranger learns
/// nothing from the server.
/// </summary>
internal sealed class Handshake(string secret, Address selfAddress, long selfUid)
{
    public const int ProtocolVersion = 1;

    /// <summary>Handshake frames are small: a garbage length prefix before authentication costs at most this.</summary>
    public const int MaximumHandshakeFrame = 2048;

    private const int NonceSize = 32;
    private readonly byte[] _key = Encoding.UTF8.GetBytes(secret);

    /// <summary>We dialled: hello, their hello, our proof, their proof.</summary>
    public async Task<PeerIdentity> RunClientAsync(Stream stream, FrameReader reader, CancellationToken cancellationToken)
    {
        var ourNonce = RandomNumberGenerator.GetBytes(NonceSize);
        await WriteAsync(stream, HelloFrame(ourNonce), cancellationToken).ConfigureAwait(false);
        var theirBody = await reader.ReadAsync(MaximumHandshakeFrame, cancellationToken).ConfigureAwait(false)
            ?? throw new ProtocolException("The peer closed the connection before its hello");
        var (peer, theirNonce) = ParseHello(theirBody);
        await WriteAsync(stream, ProofFrame(Mac("client", ourNonce, theirNonce, selfAddress, selfUid, peer.Address, peer.Uid)), cancellationToken).ConfigureAwait(false);
        var proofBody = await reader.ReadAsync(MaximumHandshakeFrame, cancellationToken).ConfigureAwait(false)
            ?? throw new ProtocolException($"{peer.Address} refused our proof and closed the connection: the two nodes do not share the cluster secret (actorstream.remote.secret)");
        var expected = Mac("server", ourNonce, theirNonce, selfAddress, selfUid, peer.Address, peer.Uid);
        if (!CryptographicOperations.FixedTimeEquals(ParseProof(proofBody), expected))
            throw new ProtocolException($"{peer.Address} could not prove the cluster secret: the two nodes do not share actorstream.remote.secret");
        return peer;
    }

    /// <summary>They dialled: their hello, our hello, their proof (checked), our proof.</summary>
    public async Task<PeerIdentity> RunServerAsync(Stream stream, FrameReader reader, CancellationToken cancellationToken)
    {
        var theirBody = await reader.ReadAsync(MaximumHandshakeFrame, cancellationToken).ConfigureAwait(false)
            ?? throw new ProtocolException("The peer closed the connection before its hello");
        var (peer, theirNonce) = ParseHello(theirBody);
        var ourNonce = RandomNumberGenerator.GetBytes(NonceSize);
        await WriteAsync(stream, HelloFrame(ourNonce), cancellationToken).ConfigureAwait(false);
        var proofBody = await reader.ReadAsync(MaximumHandshakeFrame, cancellationToken).ConfigureAwait(false)
            ?? throw new ProtocolException($"{peer.Address} closed the connection before proving the cluster secret (it does not share actorstream.remote.secret?)");
        var expected = Mac("client", theirNonce, ourNonce, peer.Address, peer.Uid, selfAddress, selfUid);
        if (!CryptographicOperations.FixedTimeEquals(ParseProof(proofBody), expected))
            throw new ProtocolException($"{peer.Address} could not prove the cluster secret: the two nodes do not share actorstream.remote.secret");
        await WriteAsync(stream, ProofFrame(Mac("server", theirNonce, ourNonce, peer.Address, peer.Uid, selfAddress, selfUid)), cancellationToken).ConfigureAwait(false);
        return peer;
    }

    private byte[] HelloFrame(byte[] nonce)
    {
        var w = new WireWriter(FrameKind.Hello);
        w.WriteInt(ProtocolVersion);
        w.WriteString(selfAddress.System);
        w.WriteString(selfAddress.ToString());
        w.WriteLong(selfUid);
        w.WriteBytes(nonce);
        return w.ToFrame();
    }

    private static byte[] ProofFrame(byte[] mac)
    {
        var w = new WireWriter(FrameKind.Proof);
        w.WriteBytes(mac);
        return w.ToFrame();
    }

    private static (PeerIdentity Peer, byte[] Nonce) ParseHello(byte[] body)
    {
        var r = new WireReader(body);
        if (r.ReadByte() != (byte)FrameKind.Hello) throw new ProtocolException("Expected a handshake hello");
        var version = r.ReadInt();
        if (version != ProtocolVersion) throw new ProtocolException($"Protocol version {version} is not supported (this node speaks {ProtocolVersion})");
        var systemName = r.ReadString();
        var addressText = r.ReadString();
        var uid = r.ReadLong();
        var nonce = r.ReadBytes();
        if (nonce.Length != NonceSize) throw new ProtocolException("Bad handshake nonce");
        if (!Address.TryParse(addressText, out var address) || address.Host is null || address.Port is null || address.System != systemName)
            throw new ProtocolException($"Bad address in handshake: '{addressText}'");
        if (uid == 0) throw new ProtocolException("Handshake uid must not be 0");
        return (new PeerIdentity(address, uid), nonce.ToArray());
    }

    private static byte[] ParseProof(byte[] body)
    {
        var r = new WireReader(body);
        if (r.ReadByte() != (byte)FrameKind.Proof) throw new ProtocolException("Expected a handshake proof");
        return r.ReadBytes().ToArray();
    }

    private byte[] Mac(string role, byte[] clientNonce, byte[] serverNonce, Address clientAddress, long clientUid, Address serverAddress, long serverUid)
    {
        var w = new WireWriter(FrameKind.Proof);
        w.WriteString(role);
        w.WriteBytes(clientNonce);
        w.WriteBytes(serverNonce);
        w.WriteString(clientAddress.ToString());
        w.WriteLong(clientUid);
        w.WriteString(serverAddress.ToString());
        w.WriteLong(serverUid);
        return HMACSHA256.HashData(_key, w.ToFrame());
    }

    private static async Task WriteAsync(Stream stream, byte[] frame, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
