namespace ActorStream.Media.MpegTs;

/// <summary>
/// Counts video frames in an MPEG-TS stream as a receiver would see them: it finds the video PID from the
/// PAT and PMT, then counts packets on that PID that start a PES packet (one PES per frame, as ffmpeg's
/// muxer writes them). Plain code; feed it whole 188-byte packets in stream order.
/// </summary>
public sealed class VideoFrameCounter
{
    private const int PatPid = 0;
    private int _pmtPid = -1;
    private int _videoPid = -1;

    /// <summary>The PID carrying video, once the PMT has been seen; -1 before.</summary>
    public int VideoPid => _videoPid;

    /// <summary>The stream type of the video elementary stream (0x1B H.264, 0x24 H.265), 0 before the PMT.</summary>
    public int VideoStreamType { get; private set; }

    public long Frames { get; private set; }

    /// <summary>Counts the frames that start in <paramref name="packets"/> and returns how many did.</summary>
    public int Count(ReadOnlySpan<byte> packets)
    {
        var started = 0;
        for (var offset = 0; offset + TsPacket.Size <= packets.Length; offset += TsPacket.Size)
        {
            var packet = packets.Slice(offset, TsPacket.Size);
            if (!TsPacket.TryParse(packet, out var header, out _) || !header.HasPayload || header.TransportError)
            {
                continue;
            }

            if (header.Pid == _videoPid)
            {
                if (header.PayloadUnitStart)
                {
                    started++;
                }
            }
            else if (header.PayloadUnitStart && header.Pid == PatPid)
            {
                ReadPat(packet[header.PayloadOffset..]);
            }
            else if (header.PayloadUnitStart && header.Pid == _pmtPid)
            {
                ReadPmt(packet[header.PayloadOffset..]);
            }
        }

        Frames += started;
        return started;
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
