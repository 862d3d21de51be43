namespace ActorStream.Media.Rtp;

/// <summary>
/// One RTP stream's sending state: SSRC, payload type, the next sequence number and the timestamp offset.
/// The caller picks the random initial values (RFC 3550 5.1) so tests can fix them; sequence numbers wrap at 65535.
/// </summary>
public sealed class RtpPacketWriter
{
    public RtpPacketWriter(uint ssrc, byte payloadType, ushort initialSequence, uint timestampOffset = 0)
    {
        if (payloadType > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadType), payloadType, "RTP payload type is 7 bits (0..127).");
        }

        Ssrc = ssrc;
        PayloadType = payloadType;
        NextSequence = initialSequence;
        TimestampOffset = timestampOffset;
    }

    public uint Ssrc { get; }

    public byte PayloadType { get; }

    /// <summary>The sequence number the next packet gets.</summary>
    public ushort NextSequence { get; private set; }

    /// <summary>Added to every media timestamp so the stream's first RTP timestamp is unpredictable.</summary>
    public uint TimestampOffset { get; }

    /// <summary>Packets written so far (the sender report's packet count).</summary>
    public uint PacketCount { get; private set; }

    /// <summary>Payload bytes written so far (the sender report's octet count, headers excluded).</summary>
    public uint OctetCount { get; private set; }

    /// <summary>The RTP timestamp for a media time in the stream's clock units (90 kHz for video), wrapping at 2^32.</summary>
    public uint RtpTimestamp(long mediaTime) => unchecked(TimestampOffset + (uint)mediaTime);

    /// <summary>A whole packet: the fixed header then the payload parts in order; takes the next sequence number.</summary>
    public byte[] Write(bool marker, long mediaTime, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body)
    {
        var packet = new byte[RtpHeader.FixedLength + prefix.Length + body.Length];
        new RtpHeader(marker, PayloadType, NextSequence, RtpTimestamp(mediaTime), Ssrc).WriteTo(packet);
        prefix.CopyTo(packet.AsSpan(RtpHeader.FixedLength));
        body.CopyTo(packet.AsSpan(RtpHeader.FixedLength + prefix.Length));
        NextSequence = unchecked((ushort)(NextSequence + 1));
        PacketCount = unchecked(PacketCount + 1);
        OctetCount = unchecked(OctetCount + (uint)(prefix.Length + body.Length));
        return packet;
    }
}
