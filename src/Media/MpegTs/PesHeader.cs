namespace ActorStream.Media.MpegTs;

/// <summary>
/// Reads the timestamps from the header of a PES packet (ISO/IEC 13818-1, 2.4.3.6/2.4.3.7) at the start of a
/// TS payload (a packet with payload_unit_start_indicator). Pure function of the bytes: no allocation.
/// </summary>
public static class PesHeader
{
    /// <summary>2^33: timestamps in a PES header (and the PCR base) are 33-bit counters at 90 kHz.</summary>
    public const long TimestampModulus = 1L << 33;

    // Fixed part: start code prefix (3), stream_id (1), PES_packet_length (2).
    private const int FixedLength = 6;

    // With the optional header: two flag bytes and PES_header_data_length.
    private const int OptionalHeaderStart = FixedLength + 3;

    /// <summary>
    /// Parses the PES header at the start of <paramref name="payload"/>. False when it is malformed: no
    /// 0x000001 start code, too short for what its flags declare, the forbidden PTS_DTS_flags value '01',
    /// or a timestamp whose marker bits are not set. True with no timestamps for stream types that have no
    /// optional header (padding, private_stream_2, ...) or when the flags say none are present.
    /// </summary>
    public static bool TryReadTimestamps(ReadOnlySpan<byte> payload, out PesTimestamps timestamps)
    {
        timestamps = default;
        if (payload.Length < FixedLength || payload[0] != 0 || payload[1] != 0 || payload[2] != 1)
        {
            return false;
        }

        if (!HasOptionalHeader(payload[3]))
        {
            return true;
        }

        if (payload.Length < OptionalHeaderStart || (payload[6] & 0xC0) != 0x80)
        {
            // The optional header starts with the bits '10'.
            return false;
        }

        var ptsDtsFlags = (payload[7] >> 6) & 3;
        int headerDataLength = payload[8];
        if (ptsDtsFlags == 1 || payload.Length < OptionalHeaderStart + headerDataLength)
        {
            return false;
        }

        var fields = payload.Slice(OptionalHeaderStart, headerDataLength);
        if (ptsDtsFlags == 0)
        {
            return true;
        }

        var needed = ptsDtsFlags == 3 ? 10 : 5;
        if (fields.Length < needed || !TryReadTimestamp(fields[..5], out var pts))
        {
            return false;
        }

        long? dts = null;
        if (ptsDtsFlags == 3)
        {
            if (!TryReadTimestamp(fields.Slice(5, 5), out var d))
            {
                return false;
            }

            dts = d;
        }

        timestamps = new PesTimestamps(pts, dts);
        return true;
    }

    /// <summary>
    /// Where the elementary stream data starts in a PES packet at the start of <paramref name="payload"/>, and the
    /// PES_packet_length (bytes after the length field; 0 when unbounded, as ffmpeg writes video). False when the
    /// start code is missing or the header is longer than the payload.
    /// </summary>
    public static bool TryReadLayout(ReadOnlySpan<byte> payload, out int dataOffset, out int packetLength)
    {
        dataOffset = 0;
        packetLength = 0;
        if (payload.Length < FixedLength || payload[0] != 0 || payload[1] != 0 || payload[2] != 1)
        {
            return false;
        }

        packetLength = (payload[4] << 8) | payload[5];
        if (!HasOptionalHeader(payload[3]))
        {
            dataOffset = FixedLength;
            return true;
        }

        if (payload.Length < OptionalHeaderStart || OptionalHeaderStart + payload[8] > payload.Length)
        {
            return false;
        }

        dataOffset = OptionalHeaderStart + payload[8];
        return true;
    }

    /// <summary>
    /// One 5-byte timestamp: 4 prefix bits, then bits 32..30, a marker, 29..15, a marker, 14..0, a marker.
    /// The prefix is not checked (muxers disagree on it); the three marker bits are.
    /// </summary>
    private static bool TryReadTimestamp(ReadOnlySpan<byte> b, out long value)
    {
        value = 0;
        if ((b[0] & 1) == 0 || (b[2] & 1) == 0 || (b[4] & 1) == 0)
        {
            return false;
        }

        value = ((long)((b[0] >> 1) & 0x07) << 30)
            | ((long)b[1] << 22) | ((long)(b[2] >> 1) << 15)
            | ((long)b[3] << 7) | ((long)b[4] >> 1);
        return true;
    }

    // Table 2-21: these stream ids carry data straight after PES_packet_length, without flags or timestamps.
    private static bool HasOptionalHeader(byte streamId) =>
        streamId is not (0xBC or 0xBE or 0xBF or 0xF0 or 0xF1 or 0xF2 or 0xF8 or 0xFF);
}
