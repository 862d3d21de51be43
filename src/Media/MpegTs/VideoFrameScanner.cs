namespace ActorStream.Media.MpegTs;

/// <summary>
/// Finds the video frames in an MPEG-TS stream as a receiver sees it: it learns the video PID from the PAT
/// and PMT (<see cref="ProgramTables"/>), then reports every packet on that PID that starts a PES packet (one PES per frame, as ffmpeg's
/// muxer writes them) with the PES header's timestamps. Feed it whole 188-byte packets in stream order.
/// The list it returns is reused by the next call, so scanning allocates nothing once warmed up.
/// Not thread-safe: one reader feeds it.
/// </summary>
public sealed class VideoFrameScanner
{
    private readonly List<FrameStart> _starts = new(8);
    private readonly ProgramTables _tables = new();

    /// <summary>The PID carrying video, once the PMT has been seen; -1 before.</summary>
    public int VideoPid => _tables.VideoPid;

    /// <summary>The stream type of the video elementary stream (0x1B H.264, 0x24 H.265), 0 before the PMT.</summary>
    public int VideoStreamType => _tables.VideoStreamType;

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
            if (header.Pid == _tables.VideoPid)
            {
                var valid = PesHeader.TryReadTimestamps(payload, out var timestamps);
                if (!valid)
                {
                    MalformedHeaders++;
                }

                _starts.Add(new FrameStart(index, timestamps, !valid, header.RandomAccess));
            }
            else if (_tables.IsTablePid(header.Pid))
            {
                _tables.Read(header.Pid, payload);
            }
        }

        return _starts;
    }
}
