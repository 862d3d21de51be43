namespace ActorStream.Media.MpegTs;

/// <summary>
/// Finds the video frames in an MPEG-TS stream as a receiver sees it: it learns the video PID from the PAT
/// and PMT, then reports every packet on that PID that starts a PES packet (one PES per frame, as ffmpeg's
/// muxer writes them) with the PES header's timestamps. Feed it whole 188-byte packets in stream order.
/// The list it returns is reused by the next call, so scanning allocates nothing once warmed up.
/// Not thread-safe: one reader feeds it.
/// </summary>
public sealed class VideoFrameScanner
{
    private const int PatPid = 0;
    private readonly List<FrameStart> _starts = new(8);
    private int _pmtPid = -1;
    private int _videoPid = -1;

    /// <summary>The PID carrying video, once the PMT has been seen; -1 before.</summary>
    public int VideoPid => _videoPid;

    /// <summary>The stream type of the video elementary stream (0x1B H.264, 0x24 H.265), 0 before the PMT.</summary>
    public int VideoStreamType { get; private set; }

    /// <summary>Frame starts whose PES header was malformed (each is still reported, as a frame).</summary>
    public long MalformedHeaders { get; private set; }

    /// <summary>
    /// The frames that start in <paramref name="packets"/> (whole packets; a trailing partial one is ignored),
    /// in order. Packets that do not parse or carry the transport error indicator are skipped: their bytes
    /// cannot be trusted. The returned list is only valid until the next call.
    /// </summary>
    public IReadOnlyList<FrameStart> Scan(ReadOnlySpan<byte> packets)
    {
        _starts.Clear();
        var index = 0;
        for (var offset = 0; offset + TsPacket.Size <= packets.Length; offset += TsPacket.Size, index++)
        {
            var packet = packets.Slice(offset, TsPacket.Size);
            if (!TsPacket.TryParse(packet, out var header, out _) || !header.HasPayload || header.TransportError
                || !header.PayloadUnitStart)
            {
                continue;
            }

            var payload = packet[header.PayloadOffset..];
            if (header.Pid == _videoPid)
            {
                var valid = PesHeader.TryReadTimestamps(payload, out var timestamps);
                if (!valid)
                {
                    MalformedHeaders++;
                }

                _starts.Add(new FrameStart(index, timestamps, !valid, header.RandomAccess));
            }
            else if (header.Pid == PatPid)
            {
                ReadPat(payload);
            }
            else if (header.Pid == _pmtPid)
            {
                ReadPmt(payload);
            }
        }

        return _starts;
    }

    private void ReadPat(ReadOnlySpan<byte> payload)
    {
        if (!TrySection(payload, 0x00, out var body))
        {
            return;
        }

        // Program loop: program_number(16) reserved(3) PID(13); program 0 is the network PID.
        for (var i = 0; i + 4 <= body.Length; i += 4)
        {
            var program = (body[i] << 8) | body[i + 1];
            if (program != 0)
            {
                _pmtPid = ((body[i + 2] & 0x1F) << 8) | body[i + 3];
                return;
            }
        }
    }

    private void ReadPmt(ReadOnlySpan<byte> payload)
    {
        if (!TrySection(payload, 0x02, out var body) || body.Length < 4)
        {
            return;
        }

        var programInfoLength = ((body[2] & 0x0F) << 8) | body[3];
        var i = 4 + programInfoLength;
        while (i + 5 <= body.Length)
        {
            var streamType = body[i];
            var pid = ((body[i + 1] & 0x1F) << 8) | body[i + 2];
            var infoLength = ((body[i + 3] & 0x0F) << 8) | body[i + 4];
            if (streamType is 0x01 or 0x02 or 0x10 or 0x1B or 0x24)
            {
                _videoPid = pid;
                VideoStreamType = streamType;
                return;
            }

            i += 5 + infoLength;
        }
    }

    /// <summary>The section body after the 8-byte long header and before the CRC, when it fits this packet.</summary>
    private static bool TrySection(ReadOnlySpan<byte> payload, int tableId, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (payload.Length < 1)
        {
            return false;
        }

        var pointer = payload[0];
        var section = payload[(1 + Math.Min(pointer, payload.Length - 1))..];
        if (section.Length < 8 || section[0] != tableId)
        {
            return false;
        }

        var sectionLength = ((section[1] & 0x0F) << 8) | section[2];
        var end = 3 + sectionLength - 4; // less the CRC_32
        if (sectionLength < 9 || end > section.Length)
        {
            return false;
        }

        body = section[8..end];
        return true;
    }
}
