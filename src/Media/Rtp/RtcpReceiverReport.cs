using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>RTCP receiver report (RFC 3550 6.4.2): who reports, and one block per source it receives.</summary>
public sealed record RtcpReceiverReport(uint Ssrc, IReadOnlyList<RtcpReportBlock> ReportBlocks)
{
    public const byte PacketType = 201;

    public int Length => RtcpPacketHeader.Length + 4 + (RtcpReportBlock.Length * ReportBlocks.Count);

    public int WriteTo(Span<byte> destination)
    {
        RtcpPacketHeader.Write(destination, ReportBlocks.Count, PacketType, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        return RtcpReportBlock.WriteAll(destination, RtcpPacketHeader.Length + 4, ReportBlocks);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    internal static RtcpReceiverReport Read(ReadOnlySpan<byte> packet, int count)
    {
        if (packet.Length < RtcpPacketHeader.Length + 4 + (RtcpReportBlock.Length * count))
        {
            throw new RtpFormatException($"RTCP receiver report of {packet.Length} bytes is too short for its SSRC and {count} report blocks.");
        }

        return new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            RtcpReportBlock.ReadAll(packet, RtcpPacketHeader.Length + 4, count));
    }
}
