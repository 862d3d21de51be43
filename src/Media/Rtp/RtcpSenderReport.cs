using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>
/// RTCP sender report (RFC 3550 6.4.1): maps the sender's wall clock (NTP) to its RTP timestamp, with the
/// packets and payload octets sent so far, and any reception report blocks.
/// </summary>
public sealed record RtcpSenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount)
{
    public const byte PacketType = 200;
    // The sender's SSRC (4 bytes) and the sender info: NTP (8), RTP timestamp, packet and octet counts (4 each).
    private const int SenderInfoLength = 24;

    public IReadOnlyList<RtcpReportBlock> ReportBlocks { get; init; } = [];

    public int Length => RtcpPacketHeader.Length + SenderInfoLength + (RtcpReportBlock.Length * ReportBlocks.Count);

    /// <summary>A sender report for wall-clock time now and the RTP timestamp that corresponds to it.</summary>
    public static RtcpSenderReport At(uint ssrc, DateTime utcNow, uint rtpTimestamp, uint packetCount, uint octetCount) =>
        new(ssrc, Rtp.NtpTimestamp.FromDateTime(utcNow), rtpTimestamp, packetCount, octetCount);

    public int WriteTo(Span<byte> destination)
    {
        RtcpPacketHeader.Write(destination, ReportBlocks.Count, PacketType, Length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], OctetCount);
        return RtcpReportBlock.WriteAll(destination, RtcpPacketHeader.Length + SenderInfoLength, ReportBlocks);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    internal static RtcpSenderReport Read(ReadOnlySpan<byte> packet, int count)
    {
        if (packet.Length < RtcpPacketHeader.Length + SenderInfoLength + (RtcpReportBlock.Length * count))
        {
            throw new RtpFormatException($"RTCP sender report of {packet.Length} bytes is too short for its sender info and {count} report blocks.");
        }

        var blocks = RtcpReportBlock.ReadAll(packet, RtcpPacketHeader.Length + SenderInfoLength, count);

        return new RtcpSenderReport(
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt64BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[20..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[24..]))
        {
            ReportBlocks = blocks,
        };
    }
}
