namespace ActorStream.Media.MpegTs;

/// <summary>
/// The header of one 188-byte MPEG-TS packet (ISO/IEC 13818-1, 2.4.3.2) and the parts of its adaptation
/// field that receivers use: the discontinuity and random-access indicators and the PCR.
/// </summary>
public readonly record struct TsPacket
{
    public const int Size = 188;
    public const byte SyncByte = 0x47;

    /// <summary>The null packet PID: padding, whose continuity counter means nothing.</summary>
    public const int NullPid = 0x1FFF;

    /// <summary>Packets per UDP datagram by convention: 7 x 188 = 1316 bytes fits a 1500-byte MTU.</summary>
    public const int PacketsPerDatagram = 7;

    public const int DatagramSize = Size * PacketsPerDatagram;

    public bool TransportError { get; init; }

    /// <summary>A PES packet or PSI section starts in this packet's payload.</summary>
    public bool PayloadUnitStart { get; init; }

    public int Pid { get; init; }

    /// <summary>The two scrambling-control bits; 0 for clear streams.</summary>
    public int Scrambling { get; init; }

    /// <summary>The two adaptation_field_control bits: 1 payload only, 2 adaptation only, 3 both, 0 reserved.</summary>
    public int AdaptationFieldControl { get; init; }

    public int ContinuityCounter { get; init; }

    public bool HasAdaptationField => (AdaptationFieldControl & 2) != 0;

    /// <summary>Only packets with payload advance the continuity counter.</summary>
    public bool HasPayload => (AdaptationFieldControl & 1) != 0;

    /// <summary>Length byte of the adaptation field (0 when absent).</summary>
    public int AdaptationFieldLength { get; init; }

    /// <summary>The sender declares a break in continuity (counter and time base) at this packet.</summary>
    public bool Discontinuity { get; init; }

    /// <summary>The next PES packet starts a point where decoding can begin (e.g. a keyframe).</summary>
    public bool RandomAccess { get; init; }

    /// <summary>The program clock reference in 27 MHz units, when present.</summary>
    public long? Pcr { get; init; }

    /// <summary>Offset of the payload within the packet (Size when there is none).</summary>
    public int PayloadOffset { get; init; }

    /// <summary>Parses one packet's header; false with an error when it is not a valid packet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> packet, out TsPacket result, out string error)
    {
        result = default;
        if (packet.Length < Size)
        {
            error = $"A TS packet is {Size} bytes; got {packet.Length}.";
            return false;
        }

        if (packet[0] != SyncByte)
        {
            error = $"Sync byte is 0x{packet[0]:X2}, not 0x47.";
            return false;
        }

        var afc = (packet[3] >> 4) & 3;
        var header = new TsPacket
        {
            TransportError = (packet[1] & 0x80) != 0,
            PayloadUnitStart = (packet[1] & 0x40) != 0,
            Pid = ((packet[1] & 0x1F) << 8) | packet[2],
            Scrambling = (packet[3] >> 6) & 3,
            AdaptationFieldControl = afc,
            ContinuityCounter = packet[3] & 0x0F,
            PayloadOffset = 4,
        };

        if ((afc & 2) != 0)
        {
            int length = packet[4];
            // With a payload the field is at most 182 bytes; without, it fills the packet (183).
            var max = (afc & 1) != 0 ? 182 : 183;
            if (length > max)
            {
                error = $"Adaptation field length {length} exceeds {max}.";
                return false;
            }

            var discontinuity = false;
            var randomAccess = false;
            long? pcr = null;
            if (length > 0)
            {
                var flags = packet[5];
                discontinuity = (flags & 0x80) != 0;
                randomAccess = (flags & 0x40) != 0;
                if ((flags & 0x10) != 0 && length >= 7)
                {
                    // 33-bit base at 90 kHz, 6 reserved bits, 9-bit extension at 27 MHz.
                    long b = ((long)packet[6] << 25) | ((long)packet[7] << 17) | ((long)packet[8] << 9)
                        | ((long)packet[9] << 1) | ((long)packet[10] >> 7);
                    long ext = ((packet[10] & 1) << 8) | packet[11];
                    pcr = (b * 300) + ext;
                }
            }

            header = header with
            {
                AdaptationFieldLength = length,
                Discontinuity = discontinuity,
                RandomAccess = randomAccess,
                Pcr = pcr,
                PayloadOffset = 5 + length,
            };
        }

        if ((afc & 1) == 0)
        {
            header = header with { PayloadOffset = Size };
        }

        result = header;
        error = string.Empty;
        return true;
    }
}
