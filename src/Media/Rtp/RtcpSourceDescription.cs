using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Media.Rtp;

/// <summary>
/// An RTCP SDES packet (RFC 3550 6.5) with one chunk: a source and its CNAME, which every compound RTCP packet
/// carries (6.1) so receivers can tie the SSRC to an endpoint.
/// </summary>
public sealed record RtcpSourceDescription(uint Ssrc, string CanonicalName)
{
    public const byte PacketType = 202;
    private const byte CnameItem = 1;

    private byte[] NameBytes => Encoding.UTF8.GetBytes(CanonicalName);

    /// <summary>Header, SSRC, CNAME item (type, length, text), then at least one zero byte ending the item list, to 32 bits.</summary>
    public int Length => RtcpPacketHeader.Length + ((4 + 2 + NameBytes.Length + 1 + 3) / 4 * 4);

    public int WriteTo(Span<byte> destination)
    {
        var name = NameBytes;
        if (name.Length > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(CanonicalName), name.Length, "An SDES item is at most 255 bytes.");
        }

        var length = Length;
        RtcpPacketHeader.Write(destination, 1, PacketType, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        destination[8] = CnameItem;
        destination[9] = (byte)name.Length;
        name.CopyTo(destination[10..]);
        destination[(10 + name.Length)..length].Clear();
        return length;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }
}
