using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>
/// A compound RTCP datagram (RFC 3550 6.1): RTCP packets back to back. Sender and receiver reports are read;
/// other types (SDES, BYE, APP, feedback) are counted by type and skipped.
/// </summary>
public sealed record RtcpCompoundPacket(
    IReadOnlyList<RtcpSenderReport> SenderReports,
    IReadOnlyList<RtcpReceiverReport> ReceiverReports,
    IReadOnlyList<byte> OtherPacketTypes)
{
    /// <summary>The sources that said BYE (RFC 3550 6.6) in this datagram.</summary>
    public IReadOnlyList<uint> ByeSources { get; init; } = [];

    /// <exception cref="RtpFormatException">A packet in the datagram is malformed; the message names which and why.</exception>
    public static RtcpCompoundPacket Parse(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < RtcpPacketHeader.Length)
        {
            throw new RtpFormatException($"RTCP datagram too short: {datagram.Length} bytes, a packet header alone is 4.");
        }

        var senders = new List<RtcpSenderReport>();
        var receivers = new List<RtcpReceiverReport>();
        var others = new List<byte>();
        var byes = new List<uint>();
        var offset = 0;
        var index = 0;
        while (offset < datagram.Length)
        {
            var rest = datagram[offset..];
            if (rest.Length < RtcpPacketHeader.Length)
            {
                throw new RtpFormatException($"RTCP packet {index} at byte {offset}: {rest.Length} trailing bytes, not a whole header.");
            }

            var version = rest[0] >> 6;
            if (version != 2)
            {
                throw new RtpFormatException($"RTCP packet {index} at byte {offset}: version {version}, only 2 is understood.");
            }

            var length = (BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) + 1) * 4;
            if (length > rest.Length)
            {
                throw new RtpFormatException($"RTCP packet {index} at byte {offset}: length field says {length} bytes, only {rest.Length} remain.");
            }

            var packet = rest[..length];
            if ((packet[0] & 0x20) != 0)
            {
                // Padding is only allowed on the last packet of a compound (RFC 3550 6.4.1 / A.2).
                if (offset + length != datagram.Length)
                {
                    throw new RtpFormatException($"RTCP packet {index} at byte {offset} has padding but is not the last packet.");
                }

                var pad = packet[^1];
                if (pad == 0 || pad > length - RtcpPacketHeader.Length)
                {
                    throw new RtpFormatException($"RTCP packet {index} at byte {offset}: padding count {pad} does not fit its {length} bytes.");
                }

                packet = packet[..(length - pad)];
            }

            var count = packet[0] & 0x1F;
            var type = packet[1];
            switch (type)
            {
                case RtcpSenderReport.PacketType:
                    senders.Add(RtcpSenderReport.Read(packet, count));
                    break;
                case RtcpReceiverReport.PacketType:
                    receivers.Add(RtcpReceiverReport.Read(packet, count));
                    break;
                case RtcpBye.PacketType:
                    // The SSRC/CSRC list comes first; a reason (if any) after it is not needed here.
                    for (var i = 0; i < count && RtcpPacketHeader.Length + (4 * (i + 1)) <= packet.Length; i++)
                    {
                        byes.Add(BinaryPrimitives.ReadUInt32BigEndian(packet[(RtcpPacketHeader.Length + (4 * i))..]));
                    }

                    others.Add(type);
                    break;
                default:
                    others.Add(type);
                    break;
            }

            offset += length;
            index++;
        }

        return new RtcpCompoundPacket(senders, receivers, others) { ByeSources = byes };
    }
}
