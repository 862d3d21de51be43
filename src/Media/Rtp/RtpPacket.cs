namespace ActorStream.Media.Rtp;

/// <summary>An RTP packet: its header and payload (padding removed). Parse checks every length against the datagram.</summary>
public sealed record RtpPacket(RtpHeader Header, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Bytes this packet takes on the wire (without padding).</summary>
    public int Length => Header.Length + Payload.Length;

    /// <summary>Writes header and payload into destination; returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The RTP packet needs {Length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        var offset = Header.WriteTo(destination);
        Payload.Span.CopyTo(destination[offset..]);
        return offset + Payload.Length;
    }

    /// <summary>The packet as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes a packet straight from its parts, so a packetizer needs no intermediate objects.</summary>
    public static int Write(Span<byte> destination, bool marker, byte payloadType, ushort sequence, uint timestamp, uint ssrc, ReadOnlySpan<byte> payload)
    {
        var length = RtpHeader.FixedLength + payload.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The RTP packet needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        var written = new RtpHeader(marker, payloadType, sequence, timestamp, ssrc).WriteTo(destination);
        payload.CopyTo(destination[written..]);
        return length;
    }

    /// <summary>Parses one RTP datagram; the payload refers into the given memory (no copy).</summary>
    /// <exception cref="RtpFormatException">The datagram is not a valid RTP version 2 packet.</exception>
    public static RtpPacket Parse(ReadOnlyMemory<byte> datagram)
    {
        var span = datagram.Span;
        if (span.Length < RtpHeader.FixedLength)
        {
            throw new RtpFormatException($"RTP packet too short: {span.Length} bytes, the fixed header alone is {RtpHeader.FixedLength}.");
        }

        var version = span[0] >> 6;
        if (version != RtpHeader.Version)
        {
            throw new RtpFormatException($"RTP version is {version}; only version 2 (RFC 3550) is understood.");
        }

        var padding = (span[0] & 0x20) != 0;
        var extension = (span[0] & 0x10) != 0;
        var csrcCount = span[0] & 0x0F;
        var offset = RtpHeader.FixedLength + (4 * csrcCount);
        if (span.Length < offset)
        {
            throw new RtpFormatException($"RTP packet of {span.Length} bytes is too short for its {csrcCount} CSRCs ({offset} bytes of header).");
        }

        var csrcs = new uint[csrcCount];
        for (var i = 0; i < csrcCount; i++)
        {
            csrcs[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(span[(RtpHeader.FixedLength + (4 * i))..]);
        }

        ushort? extensionProfile = null;
        var extensionData = ReadOnlyMemory<byte>.Empty;
        if (extension)
        {
            if (span.Length < offset + 4)
            {
                throw new RtpFormatException($"RTP packet of {span.Length} bytes sets the extension bit but ends before the extension header at byte {offset}.");
            }

            extensionProfile = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(span[offset..]);
            var words = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]);
            var end = offset + 4 + (4 * words);
            if (span.Length < end)
            {
                throw new RtpFormatException($"RTP header extension claims {words} words, running to byte {end}, past the packet's {span.Length} bytes.");
            }

            extensionData = datagram[(offset + 4)..end];
            offset = end;
        }

        var payloadEnd = span.Length;
        if (padding)
        {
            var padCount = span[^1];
            if (padCount == 0)
            {
                throw new RtpFormatException("RTP padding bit is set but the padding count (last byte) is 0.");
            }

            if (padCount > span.Length - offset)
            {
                throw new RtpFormatException($"RTP padding count {padCount} is more than the {span.Length - offset} bytes after the header.");
            }

            payloadEnd -= padCount;
        }

        var header = new RtpHeader(
            (span[1] & 0x80) != 0,
            (byte)(span[1] & 0x7F),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(span[8..]))
        {
            Csrcs = csrcs,
            ExtensionProfile = extensionProfile,
            ExtensionData = extensionData,
        };
        return new RtpPacket(header, datagram[offset..payloadEnd]);
    }
}
