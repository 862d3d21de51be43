using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorStream.Media.Sap;

/// <summary>
/// A Session Announcement Protocol packet (RFC 2974, SAP version 1): an announcement of a session description, or
/// the deletion of one. ActorStream writes them with an IPv4 originating source, no authentication, no encryption,
/// no compression and the payload type "application/sdp"; it reads what VLC reads, and refuses with a reason what it
/// cannot (encrypted or compressed payloads, truncated packets).
/// </summary>
/// <param name="IsDeletion">True for a deletion (T bit set): the session is over.</param>
/// <param name="MessageIdHash">With the source, names this announcement; it changes when the description does.
/// Never 0 (RFC 2974 §5: receivers ignore 0, a SAPv0 leftover).</param>
/// <param name="OriginatingSource">The announcer's address.</param>
/// <param name="PayloadType">A MIME type, "application/sdp" for a session description.</param>
/// <param name="Payload">The session description's text.</param>
public sealed record SapPacket(bool IsDeletion, ushort MessageIdHash, IPAddress OriginatingSource, string PayloadType, string Payload)
{
    /// <summary>The payload type of a session description.</summary>
    public const string SdpPayloadType = "application/sdp";

    private const int Version = 1;
    private const byte AddressTypeIpv6 = 0x10;
    private const byte MessageTypeDeletion = 0x04;
    private const byte Encrypted = 0x02;
    private const byte Compressed = 0x01;

    /// <summary>An announcement of <paramref name="sdp"/>, its hash taken from the text.</summary>
    public static SapPacket Announce(IPAddress source, string sdp) => new(false, HashOf(sdp), source, SdpPayloadType, sdp);

    /// <summary>The deletion of an announcement: same hash, source and description (RFC 2974 §4).</summary>
    public SapPacket AsDeletion() => this with { IsDeletion = true };

    /// <summary>
    /// A 16-bit message id hash of <paramref name="payload"/> (FNV-1a folded to 16 bits), never 0: the same text
    /// gives the same hash, so repeated announcements are recognised as one, and a changed text a new one.
    /// </summary>
    public static ushort HashOf(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(payload))
        {
            hash = (hash ^ b) * 16777619u;
        }

        var folded = (ushort)((hash >> 16) ^ (hash & 0xFFFF));
        return folded == 0 ? (ushort)1 : folded;
    }

    /// <summary>The packet's bytes: header, source, payload type and its NUL, payload (UTF-8).</summary>
    /// <exception cref="ArgumentException">The hash is 0, the payload type holds a NUL, or the source is no IP address.</exception>
    public byte[] ToBytes()
    {
        if (MessageIdHash == 0)
        {
            throw new ArgumentException("A SAP message id hash must not be 0 (receivers ignore such packets).");
        }

        if (PayloadType.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("A SAP payload type must not hold a NUL.");
        }

        var v6 = OriginatingSource.AddressFamily == AddressFamily.InterNetworkV6;
        if (!v6 && OriginatingSource.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"A SAP originating source must be an IP address, got {OriginatingSource}.");
        }

        var source = OriginatingSource.GetAddressBytes();
        var type = Encoding.ASCII.GetBytes(PayloadType);
        var payload = Encoding.UTF8.GetBytes(Payload);
        var packet = new byte[4 + source.Length + type.Length + 1 + payload.Length];
        packet[0] = (byte)((Version << 5) | (v6 ? AddressTypeIpv6 : 0) | (IsDeletion ? MessageTypeDeletion : 0));
        packet[1] = 0; // authentication length: no authentication data
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), MessageIdHash);
        source.CopyTo(packet, 4);
        type.CopyTo(packet, 4 + source.Length);
        // packet[4 + source.Length + type.Length] stays 0: the payload type's terminating NUL.
        payload.CopyTo(packet, 4 + source.Length + type.Length + 1);
        return packet;
    }

    /// <summary>Reads one SAP datagram.</summary>
    /// <exception cref="FormatException">The datagram is not SAP version 1, is cut short, or is encrypted or
    /// compressed (which this reader does not do); the message says which.</exception>
    public static SapPacket Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 4)
        {
            throw new FormatException($"SAP packet too short: {datagram.Length} bytes, the header alone is 4.");
        }

        var flags = datagram[0];
        var version = flags >> 5;
        if (version != Version)
        {
            throw new FormatException($"SAP version {version} is not supported (only version 1, RFC 2974).");
        }

        if ((flags & Encrypted) != 0)
        {
            throw new FormatException("SAP packet is encrypted (E bit set): encrypted payloads are not supported.");
        }

        if ((flags & Compressed) != 0)
        {
            throw new FormatException("SAP packet is compressed (C bit set): compressed payloads are not supported.");
        }

        var hash = BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]);
        if (hash == 0)
        {
            throw new FormatException("SAP message id hash is 0: only SAPv0 senders use it, and receivers ignore such packets.");
        }

        var sourceLength = (flags & AddressTypeIpv6) != 0 ? 16 : 4;
        var authLength = datagram[1] * 4;
        var payloadStart = 4 + sourceLength + authLength;
        if (datagram.Length < 4 + sourceLength)
        {
            throw new FormatException($"SAP packet too short: {datagram.Length} bytes, cut inside its {sourceLength}-byte originating source.");
        }

        if (datagram.Length < payloadStart)
        {
            throw new FormatException(
                $"SAP authentication length {datagram[1]} words ({authLength} bytes) runs past the end of the {datagram.Length}-byte packet.");
        }

        var source = new IPAddress(datagram.Slice(4, sourceLength));
        var rest = datagram[payloadStart..];
        string payloadType;
        if (rest.StartsWith("v=0"u8))
        {
            // RFC 2974 §6: the payload type is optional, and a payload that starts "v=0" is then SDP.
            payloadType = SdpPayloadType;
        }
        else
        {
            var nul = rest.IndexOf((byte)0);
            if (nul < 0)
            {
                throw new FormatException("SAP packet has neither a NUL-terminated payload type nor an SDP payload (starting v=0).");
            }

            payloadType = Encoding.ASCII.GetString(rest[..nul]);
            rest = rest[(nul + 1)..];
        }

        return new SapPacket((flags & MessageTypeDeletion) != 0, hash, source, payloadType, Encoding.UTF8.GetString(rest));
    }
}
