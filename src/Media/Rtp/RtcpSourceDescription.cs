using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Media.Rtp;

/// <summary>
/// RTCP SDES with one chunk holding a CNAME item (RFC 3550 6.5): every compound RTCP packet carries one
/// (6.1), and receivers use the CNAME to bind a source's streams together.
/// </summary>
public sealed record RtcpSourceDescription(uint Ssrc, string CanonicalName)
{
    public const byte PacketType = 202;
    private const byte CnameItem = 1;

    private byte[] NameBytes => Encoding.UTF8.GetBytes(CanonicalName);

    /// <summary>Header, SSRC, the item (type, length, text) and at least one zero byte ending the item list, to a 32-bit boundary.</summary>
    public int Length => RtcpPacketHeader.Length + ((4 + 2 + NameBytes.Length + 1 + 3) / 4 * 4);

    public int WriteTo(Span<byte> destination)
    {
        var name = NameBytes;
        if (name.Length > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(CanonicalName), name.Length, "An SDES CNAME is at most 255 bytes.");
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
