using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>The 4-byte common RTCP header (RFC 3550 6.4): V=2, P, count, packet type, length in words minus one.</summary>
internal static class RtcpPacketHeader
{
    public const int Length = 4;

    public static void Write(Span<byte> destination, int count, byte packetType, int totalLength)
    {
        if (count > 31)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "An RTCP packet holds at most 31 report blocks.");
        }

        if (destination.Length < totalLength)
        {
            throw new ArgumentException($"The RTCP packet needs {totalLength} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = (byte)((2 << 6) | count);
        destination[1] = packetType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((totalLength / 4) - 1));
    }
}
