using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Media.Rtp;

/// <summary>
/// RTCP BYE (RFC 3550 6.6): the sources leave the session, with an optional reason; receivers may end the
/// stream on it. (ffmpeg ignores RTCP datagrams under 12 bytes, so a reason also makes a lone BYE count there.)
/// </summary>
public sealed record RtcpBye(IReadOnlyList<uint> Ssrcs, string? Reason = null)
{
    public const byte PacketType = 203;

    private byte[] ReasonBytes => Reason is null ? [] : Encoding.UTF8.GetBytes(Reason);

    /// <summary>Header, SSRCs, and the reason as length byte plus text, padded with zeros to a 32-bit boundary.</summary>
    public int Length => RtcpPacketHeader.Length + (4 * Ssrcs.Count) + (Reason is null ? 0 : (ReasonBytes.Length + 1 + 3) / 4 * 4);

    public int WriteTo(Span<byte> destination)
    {
        var reason = ReasonBytes;
        if (reason.Length > 255)
        {
            throw new ArgumentOutOfRangeException(nameof(Reason), reason.Length, "An RTCP BYE reason is at most 255 bytes.");
        }

        var length = Length;
        RtcpPacketHeader.Write(destination, Ssrcs.Count, PacketType, length);
        var offset = RtcpPacketHeader.Length;
        foreach (var ssrc in Ssrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], ssrc);
            offset += 4;
        }

        if (Reason is not null)
        {
            destination[offset] = (byte)reason.Length;
            reason.CopyTo(destination[(offset + 1)..]);
            destination[(offset + 1 + reason.Length)..length].Clear();
        }

        return length;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }
}
